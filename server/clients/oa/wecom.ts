/**
 * WeCom (企业微信):
 * - token: `GET /cgi-bin/gettoken?corpid=…&corpsecret=…` → `{errcode:0, access_token, expires_in:7200}`;
 * - instance: `POST /cgi-bin/oa/getapprovaldetail?access_token=…` `{"sp_no":"…"}` → `{errcode, errmsg, info}`.
 * Errors are HTTP 200 with a non-zero `errcode` (WeCom global codes): 40014 invalid access_token, 42001
 * access_token expired, 41001 missing; -1 system busy, 45009 call frequency over the limit, 45033 too many
 * concurrent calls; 40001 invalid secret, 40013 invalid corpid, 301055 app lacks approval authority.
 */
import { outboundFetch, type OutboundPolicy } from '../http';
import {
  asText,
  clip,
  DEFAULT_TIMEOUT_MS,
  MAX_INSTANCE_BYTES,
  MAX_TOKEN_BYTES,
  parseJsonObject,
  retryableStatus,
  transportFailure,
  type Failure,
} from './outcome';
import type { TokenGrant } from './token-cache';
import { createTokenedClient, joinUrl, type InstanceAttempt } from './tokened-client';
import { OA_DEFAULT_BASE_URLS, type OaClient, type OaClientOptions } from './types';

const LABEL = 'WeCom';
export const WECOM_TOKEN_REJECTED = new Set(['40014', '42001', '41001']);
export const WECOM_RETRYABLE = new Set(['-1', '45009', '45033']);

type Envelope = { body: Record<string, unknown>; errcode: string } | Failure;

function envelope(what: string, status: number, bodyText: string): Envelope {
  if (status < 200 || status > 299) {
    return { ok: false, retryable: retryableStatus(status), status, message: `${LABEL} ${what}: HTTP ${status}` };
  }
  const body = parseJsonObject(bodyText);
  if (!body) return { ok: false, retryable: false, status, message: `${LABEL} ${what}: the reply is not a JSON object` };
  return { body, errcode: asText(body.errcode) ?? '0' };
}

function errcodeMessage(what: string, body: Record<string, unknown>, errcode: string): string {
  const msg = asText(body.errmsg);
  return `${LABEL} ${what}: errcode ${clip(errcode, 20)}${msg ? ` ${clip(msg)}` : ''}`;
}

export function createWecomClient(options: OaClientOptions<'wecom'>): OaClient {
  const { corpId, corpSecret } = options.credentials;
  const base = options.baseUrl?.trim() || OA_DEFAULT_BASE_URLS.wecom;
  const policy: OutboundPolicy | undefined = options.policy;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function requestToken(): Promise<TokenGrant> {
    const query = `corpid=${encodeURIComponent(corpId)}&corpsecret=${encodeURIComponent(corpSecret)}`;
    const r = await outboundFetch(
      { method: 'GET', url: joinUrl(base, `/cgi-bin/gettoken?${query}`), timeoutMs, maxResponseBytes: MAX_TOKEN_BYTES },
      policy,
    );
    if (r.kind === 'failed') return transportFailure(LABEL, 'access token request', r);
    const e = envelope('access token request', r.status, r.bodyText);
    if (!('body' in e)) return e;
    if (e.errcode !== '0') {
      return { ok: false, retryable: WECOM_RETRYABLE.has(e.errcode), status: r.status, message: errcodeMessage('refused the access token request', e.body, e.errcode) };
    }
    const token = asText(e.body.access_token);
    const expiresIn = Number(asText(e.body.expires_in) ?? NaN);
    if (!token) return { ok: false, retryable: false, status: r.status, message: `${LABEL} access token reply has no access_token` };
    return { ok: true, token, expiresInS: Number.isFinite(expiresIn) ? expiresIn : 7200 };
  }

  async function requestInstance(token: string, instanceId: string): Promise<InstanceAttempt> {
    const what = `approval ${clip(instanceId, 80)}`;
    const r = await outboundFetch(
      {
        method: 'POST',
        url: joinUrl(base, `/cgi-bin/oa/getapprovaldetail?access_token=${encodeURIComponent(token)}`),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sp_no: instanceId }),
        timeoutMs,
        maxResponseBytes: MAX_INSTANCE_BYTES,
      },
      policy,
    );
    if (r.kind === 'failed') return transportFailure(LABEL, what, r);
    const e = envelope(what, r.status, r.bodyText);
    if (!('body' in e)) return e;
    if (e.errcode !== '0') {
      const message = errcodeMessage(what, e.body, e.errcode);
      if (WECOM_TOKEN_REJECTED.has(e.errcode)) return { ok: false, tokenRejected: true, status: r.status, message };
      return { ok: false, retryable: WECOM_RETRYABLE.has(e.errcode), status: r.status, message };
    }
    if (typeof e.body.info !== 'object' || e.body.info === null) {
      return { ok: false, retryable: false, status: r.status, message: `${LABEL} ${what}: the reply has no "info" object` };
    }
    return { ok: true, bodyText: r.bodyText };
  }

  return createTokenedClient({ vendor: 'wecom', label: LABEL, secrets: [corpSecret], requestToken, requestInstance }, options.now);
}
