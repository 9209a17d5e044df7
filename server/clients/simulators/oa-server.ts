/**
 * A local stand-in for an OA vendor (DingTalk, WeCom or Feishu): serves the token and instance APIs our OA
 * clients call and pushes encrypted, signed approval callbacks to a receiver. `ledgerlink simulate` uses it to
 * play the vendor against a running server; tests use it to exercise the clients and the inbound routes.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutboundPolicy } from '../http';
import type { OaCredentialsByVendor, OaVendor } from '../oa/types';
import {
  dingtalkEvent,
  feishuEvent,
  postCallback,
  wecomEvent,
  type ApprovalCallbackOptions,
  type CallbackDelivery,
  type FeishuCallbackTarget,
  type WxCallbackTarget,
} from './oa-callbacks';
import { routeVendorRequest, toVendorResponse, type SimState, type TokenState } from './oa-vendor-apis';

export type { ApprovalCallbackOptions, CallbackDelivery, FeishuCallbackTarget, WxCallbackTarget } from './oa-callbacks';

interface CommonOptions {
  /** 0 (default) = an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Lifetime of issued tokens in seconds (default 7200, as the vendors). */
  tokenTtlS?: number;
  /** Policy for the callback POSTs; default: only the callback URL's own host:port may be private/loopback. */
  policy?: OutboundPolicy;
  now?: () => number;
}

export type OaSimulatorOptions =
  | (CommonOptions & { vendor: 'dingtalk'; credentials: OaCredentialsByVendor['dingtalk']; callback?: WxCallbackTarget })
  | (CommonOptions & { vendor: 'wecom'; credentials: OaCredentialsByVendor['wecom']; callback?: WxCallbackTarget })
  | (CommonOptions & { vendor: 'feishu'; credentials: OaCredentialsByVendor['feishu']; callback?: FeishuCallbackTarget });

export interface OaSimulator {
  readonly vendor: OaVendor;
  /** `http://host:port`: the baseUrl to give an OA client. */
  readonly url: string;
  /** Token requests answered with a token so far. */
  readonly tokenRequests: number;
  /** Instance requests received so far (whatever the answer). */
  readonly instanceRequests: number;
  /** The API response (served verbatim) or a bare instance object (wrapped in the vendor's envelope). */
  addInstance(instanceId: string, bodyText: string): void;
  /** Builds, encrypts, signs and POSTs the vendor's approval-finished event for a stored instance. */
  sendApprovalCallback(instanceId: string, opts?: ApprovalCallbackOptions): Promise<CallbackDelivery>;
  /** Every token issued so far becomes expired: the next instance request with one gets the token-invalid error. */
  expireTokens(): void;
  /** The next `count` instance requests with a valid token fail with `status` (default 500) in the vendor's shape. */
  failNextInstanceRequests(count: number, status?: number): void;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startOaSimulator(options: OaSimulatorOptions): Promise<OaSimulator> {
  const { vendor } = options;
  const now = options.now ?? Date.now;
  const ttlS = options.tokenTtlS ?? 7200;
  const tokens = new Map<string, number>(); // token → expires at (ms)
  const expired = new Set<string>();
  const instances = new Map<string, string>();
  const failures: number[] = [];
  let tokenRequests = 0;
  let instanceRequests = 0;

  const state: SimState = {
    issueToken() {
      tokenRequests += 1;
      const token = `${vendor === 'feishu' ? 't-' : ''}sim${randomBytes(16).toString('hex')}`;
      tokens.set(token, now() + ttlS * 1000);
      return { token, expiresInS: ttlS };
    },
    tokenState(token: string): TokenState {
      instanceRequests += 1;
      const until = tokens.get(token);
      if (until === undefined) return expired.has(token) ? 'expired' : 'unknown';
      if (now() >= until) {
        tokens.delete(token);
        expired.add(token);
        return 'expired';
      }
      return 'valid';
    },
    instance: (id) => instances.get(id),
    takeFailure: () => failures.shift(),
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const bodyText = await readBody(req);
      if (bodyText === null) {
        res.writeHead(413, { 'content-type': 'application/json' }).end('{"code":413,"msg":"request too large"}');
        return;
      }
      const u = new URL(req.url ?? '/', 'http://simulator.invalid');
      const r = routeVendorRequest(vendor, options.credentials, state, {
        method: req.method ?? 'GET',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        bodyText,
      });
      res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8' }).end(r.bodyText);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"code":500,"msg":"simulator error"}');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    vendor,
    url: `http://${host}:${address.port}`,
    get tokenRequests() {
      return tokenRequests;
    },
    get instanceRequests() {
      return instanceRequests;
    },
    addInstance(instanceId, bodyText) {
      if (!instanceId) throw new Error('addInstance needs an instance id');
      instances.set(instanceId, toVendorResponse(vendor, bodyText));
    },
    async sendApprovalCallback(instanceId, opts = {}) {
      const stored = instances.get(instanceId);
      if (stored === undefined) throw new Error(`the ${vendor} simulator has no instance "${instanceId}" (addInstance first)`);
      const target = options.callback;
      if (!target) throw new Error(`the ${vendor} simulator was started without a callback target`);
      const at = now();
      const event =
        options.vendor === 'dingtalk'
          ? dingtalkEvent(instanceId, stored, opts, at)
          : options.vendor === 'wecom'
            ? wecomEvent(instanceId, stored, options.callback as WxCallbackTarget, opts, at)
            : feishuEvent(instanceId, stored, { appId: options.credentials.appId, ...(options.callback as FeishuCallbackTarget) }, opts, at);
      return postCallback(vendor, target, event, at, options.policy);
    },
    expireTokens() {
      for (const t of tokens.keys()) expired.add(t);
      tokens.clear();
    },
    failNextInstanceRequests(count, status = 500) {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
