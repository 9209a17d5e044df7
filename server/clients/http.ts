import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { allowListFromEnv, hostPortKey, isIpLiteral, normaliseAllowEntry, refusedRange } from './http-address';
import { parseRetryAfter } from './http-retry-after';

/**
 * The one way Ledgerlink talks to the outside world (OA vendors' APIs, finance systems). Every outbound request
 * goes through here so the address policy, time limit, size limit and "no redirects" rule cannot be forgotten by a
 * single client. Failures are values, never exceptions: the delivery logic needs to know *how* a request failed
 * (in particular whether the finance system may already have received it) to decide between retrying and asking.
 */

export interface OutboundRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** The whole exchange (DNS, connect, send, reply): default 15000. */
  timeoutMs?: number;
  /** Default 2 MB; a longer reply is cut off while it is read. */
  maxResponseBytes?: number;
}

export interface OutboundPolicy {
  /** "host:port" entries that may resolve to private/loopback addresses. */
  allow: string[];
}

export type OutboundFailureReason = 'refused_address' | 'dns' | 'connect' | 'timeout' | 'reset' | 'too_large' | 'bad_url';

export type OutboundResult =
  | {
      kind: 'response';
      status: number;
      /** Lower-case names; repeated headers (Set-Cookie) are joined with "\n", which no header value can hold. */
      headers: Record<string, string>;
      bodyText: string;
      durationMs: number;
      retryAfterMs?: number;
    }
  | {
      kind: 'failed';
      reason: OutboundFailureReason;
      /** The whole request was written before it failed: the other side may have acted on it (outcome unknown). */
      sent: boolean;
      message: string;
      durationMs: number;
    };

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'ENODATA', 'ESERVFAIL', 'EREFUSED']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

/** Raised inside the custom lookup; recognised by identity so no other error can be mistaken for it. */
class RefusedAddressError extends Error {
  constructor(
    readonly host: string,
    readonly range: string,
  ) {
    super(`${host} resolves to a ${range} address`);
  }
}

export function outboundFetch(req: OutboundRequest, policy: OutboundPolicy = { allow: allowListFromEnv() }): Promise<OutboundResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const fail = (reason: OutboundFailureReason, sent: boolean, message: string): OutboundResult => ({
    kind: 'failed',
    reason,
    sent,
    message,
    durationMs: elapsed(),
  });

  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return Promise.resolve(fail('bad_url', false, 'the URL is not valid'));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.resolve(fail('bad_url', false, `only http and https URLs are allowed, not ${url.protocol}`));
  }
  if (url.username || url.password) {
    return Promise.resolve(fail('bad_url', false, 'a URL may not carry a user name or password; store credentials as the secret'));
  }
  // The query can hold an access token (DingTalk, WeCom): messages name the origin and path only.
  const target = `${req.method} ${url.origin}${url.pathname}`;
  const allowed = policy.allow.map(normaliseAllowEntry).includes(hostPortKey(url));

  if (!allowed && isIpLiteral(url.hostname)) {
    // Node skips the lookup for a literal address, so it is judged here.
    const range = refusedRange(url.hostname);
    if (range) return Promise.resolve(fail('refused_address', false, refusedMessage(target, url.hostname, range)));
  }

  const lookup: LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      if (!allowed) {
        // Every address must pass, not just the first: a name answering with one public and one private address
        // would otherwise reach the private one whenever the connection falls through to it.
        for (const a of addresses) {
          const range = refusedRange(a.address);
          if (range) return callback(new RefusedAddressError(hostname, range) as NodeJS.ErrnoException, '');
        }
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };

  const body = req.body === undefined ? undefined : typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : Buffer.from(req.body);
  const headers: Record<string, string> = { ...req.headers };
  if (body) headers['content-length'] = String(body.length);
  const maxBytes = req.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  return new Promise<OutboundResult>((resolve) => {
    let settled = false;
    let sent = false;
    let connected = false;
    const settle = (result: OutboundResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };

    let request: http.ClientRequest;
    try {
      // agent: false — a fresh socket per request, never one pooled by other code that skipped the address check.
      request = (url.protocol === 'https:' ? https : http).request(url, { method: req.method, headers, lookup, agent: false }, (res) => {
        const status = res.statusCode ?? 0;
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          settle(fail('too_large', true, `${target}: reply of ${declared} bytes is over the ${maxBytes}-byte limit`));
          request.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > maxBytes) {
            settle(fail('too_large', true, `${target}: reply is over the ${maxBytes}-byte limit`));
            request.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          const responseHeaders = flattenHeaders(res.headers);
          const retryAfterMs = parseRetryAfter(responseHeaders['retry-after']);
          settle({
            kind: 'response',
            status,
            headers: responseHeaders,
            bodyText: decodeBody(Buffer.concat(chunks), responseHeaders['content-type']),
            durationMs: elapsed(),
            ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
          });
        });
        res.on('error', () => settle(fail('reset', true, `${target}: the connection was lost while reading the reply (HTTP ${status})`)));
        res.on('close', () => {
          if (!res.complete) settle(fail('reset', true, `${target}: the connection closed before the reply was complete (HTTP ${status})`));
        });
      });
    } catch (err) {
      // Invalid header names or values are refused synchronously by node:http; the value itself is never echoed.
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      settle(fail('bad_url', false, `${target}: the request could not be built (${code}: invalid header name or value)`));
      return;
    }

    const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => {
      settle(fail('timeout', sent, `${target}: no complete reply within ${timeoutMs} ms${sent ? ' after the request was sent' : ''}`));
      request.destroy();
    }, timeoutMs);

    request.on('socket', (socket) => {
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
        connected = true;
      });
    });
    // 'finish' fires once every byte of the request has been handed to the socket: from then on the other side
    // may act on it even if we never see the reply.
    request.on('finish', () => {
      sent = true;
    });
    request.on('error', (err: NodeJS.ErrnoException) => {
      if (err instanceof RefusedAddressError) {
        settle(fail('refused_address', false, refusedMessage(target, err.host, err.range)));
        return;
      }
      const code = err.code ?? (err as { errors?: NodeJS.ErrnoException[] }).errors?.[0]?.code ?? 'error';
      if (DNS_CODES.has(code)) settle(fail('dns', false, `${target}: the host name could not be resolved (${code})`));
      else if (!connected) settle(fail('connect', false, `${target}: could not connect (${code})`));
      else if (RESET_CODES.has(code) || sent) settle(fail('reset', sent, `${target}: the connection was lost${sent ? ' after the request was sent' : ''} (${code})`));
      else settle(fail('connect', false, `${target}: the connection failed before the request was sent (${code})`));
    });

    request.end(body);
  });
}

function refusedMessage(target: string, host: string, range: string): string {
  return `${target}: ${host} is a ${range} address; outbound requests to it are refused unless LEDGERLINK_OUTBOUND_ALLOW names its host:port`;
}

/**
 * The reply as text in its declared charset. U8 EAI servers commonly answer in GB2312/GBK, sometimes declared only
 * in the XML declaration; read as UTF-8 their messages (凭证已成功保存) would turn to mojibake in the stored reply.
 */
function decodeBody(bytes: Buffer, contentType: string | undefined): string {
  let charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (!charset) charset = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(bytes.subarray(0, 200).toString('latin1'))?.[1];
  if (charset) {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // An unknown label: fall through to UTF-8 rather than failing a reply we did receive.
    }
  }
  return bytes.toString('utf8');
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join('\n') : value;
  }
  return out;
}
