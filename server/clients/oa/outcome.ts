/** What the three OA clients share: reading vendor replies, deciding retryable, keeping secrets out of messages. */
import type { OutboundResult } from '../http';

export type Failure = { ok: false; retryable: boolean; message: string; status?: number };

/** A fetch whose token the vendor refused: the caller replaces the token once and tries again. */
export type TokenRejected = { ok: false; tokenRejected: true; message: string; status?: number };

/** Connectors refuse payloads above 5 MB, so a larger instance is useless to fetch. */
export const MAX_INSTANCE_BYTES = 5 * 1024 * 1024;
export const MAX_TOKEN_BYTES = 64 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;

/** 408 and 429 are the vendor asking to come back later; 5xx is the vendor (or a gateway before it) failing. */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The guarded fetch did not get a response. Address and URL problems are configuration: retrying won't help. */
export function transportFailure(vendorLabel: string, what: string, r: Extract<OutboundResult, { kind: 'failed' }>): Failure {
  const retryable = r.reason === 'timeout' || r.reason === 'connect' || r.reason === 'reset' || r.reason === 'dns';
  const detail: Record<typeof r.reason, string> = {
    refused_address: 'the address is private or loopback and not in LEDGERLINK_OUTBOUND_ALLOW',
    dns: 'the host name did not resolve',
    connect: 'could not connect',
    timeout: 'no answer in time',
    reset: 'the connection was lost',
    too_large: 'the response was larger than allowed',
    bad_url: 'the API base URL is not a valid http(s) URL',
  };
  return { ok: false, retryable, message: `${vendorLabel} ${what}: ${detail[r.reason] ?? r.reason}${r.sent ? ' (request sent)' : ''}` };
}

/** A JSON object, or null when the text is not one. Only envelope fields are read from it; the text is kept. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function clip(text: string, max = 200): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

export function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/**
 * Secrets (app secret, access tokens) replaced wherever they could surface: a vendor message echoing a
 * parameter, a transport message quoting the request URL (WeCom's gettoken carries the secret in its query).
 */
export function redact(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const s of secrets) {
    if (s.length >= 4) out = out.split(s).join('***');
    const encoded = encodeURIComponent(s);
    if (encoded !== s && encoded.length >= 4) out = out.split(encoded).join('***');
  }
  return out;
}
