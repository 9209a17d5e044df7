/**
 * Feishu / Lark approval v4:
 * - token: `POST /open-apis/auth/v3/tenant_access_token/internal` `{app_id, app_secret}` →
 *   `{code:0, tenant_access_token, expire}` (at most 7200 s; with under 30 min left a new one is issued);
 * - instance: `GET /open-apis/approval/v4/instances/:instance_id` with `Authorization: Bearer t-…` →
 *   `{code, msg, data}` (`data.form` a JSON string the connector parses).
 * Errors carry a non-zero `code`, often with HTTP 400/403: instance API 1390003 instance code not found,
 * 1390009 no operation permission, 1390001 bad parameter, 1395001 "try again later"; platform 99991663 invalid
 * tenant token, 99991661 token missing, 99991677 token expired, 99991400 request frequency limit.
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

const LABEL = 'Feishu';
export const FEISHU_TOKEN_REJECTED = new Set(['99991661', '99991663', '99991677']);
export const FEISHU_RETRYABLE = new Set(['99991400', '1395001']);

/** `code` and the parsed body, or a failure when the reply is neither success nor a Feishu error object. */
function read(what: string, status: number, bodyText: string): { body: Record<string, unknown> | null; code: string | undefined; failure?: Failure } {
  const body = parseJsonObject(bodyText);
  const code = body ? asText(body.code) : undefined;
  if (code === undefined && (status < 200 || status > 299)) {
    return { body, code, failure: { ok: false, retryable: retryableStatus(status), status, message: `${LABEL} ${what}: HTTP ${status}` } };
  }
  if (!body) return { body, code, failure: { ok: false, retryable: false, status, message: `${LABEL} ${what}: the reply is not a JSON object` } };
  return { body, code: code ?? '0' };
}

function codeMessage(what: string, status: number, body: Record<string, unknown>, code: string): string {
  const msg = asText(body.msg);
  return `${LABEL} ${what}: HTTP ${status} code ${clip(code, 20)}${msg ? ` ${clip(msg)}` : ''}`;
}

export function createFeishuClient(options: OaClientOptions<'feishu'>): OaClient {
  const { appId, appSecret } = options.credentials;
  const base = options.baseUrl?.trim() || OA_DEFAULT_BASE_URLS.feishu;
  const policy: OutboundPolicy | undefined = options.policy;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function requestToken(): Promise<TokenGrant> {
    const r = await outboundFetch(
      {
        method: 'POST',
        url: joinUrl(base, '/open-apis/auth/v3/tenant_access_token/internal'),
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ app_id: appId, app_secret: appSecret }),
        timeoutMs,
        maxResponseBytes: MAX_TOKEN_BYTES,
      },
      policy,
    );
    if (r.kind === 'failed') return transportFailure(LABEL, 'tenant access token request', r);
    const { body, code, failure } = read('tenant access token request', r.status, r.bodyText);
    if (failure) return failure;
    if (code !== '0' || !body) {
      return {
        ok: false,
        retryable: FEISHU_RETRYABLE.has(code ?? '') || retryableStatus(r.status),
        status: r.status,
        message: codeMessage('refused the tenant access token request', r.status, body ?? {}, code ?? '?'),
      };
    }
    const token = asText(body.tenant_access_token);
    const expire = Number(asText(body.expire) ?? NaN);
    if (!token) return { ok: false, retryable: false, status: r.status, message: `${LABEL} token reply has no tenant_access_token` };
    return { ok: true, token, expiresInS: Number.isFinite(expire) ? expire : 7200 };
  }

  async function requestInstance(token: string, instanceId: string): Promise<InstanceAttempt> {
    const what = `instance ${clip(instanceId, 80)}`;
    const r = await outboundFetch(
      {
        method: 'GET',
        url: joinUrl(base, `/open-apis/approval/v4/instances/${encodeURIComponent(instanceId)}`),
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        timeoutMs,
        maxResponseBytes: MAX_INSTANCE_BYTES,
      },
      policy,
    );
    if (r.kind === 'failed') return transportFailure(LABEL, what, r);
    const { body, code, failure } = read(what, r.status, r.bodyText);
    if (failure) return failure;
    if (code !== '0' || !body) {
      const message = codeMessage(what, r.status, body ?? {}, code ?? '?');
      if (FEISHU_TOKEN_REJECTED.has(code ?? '')) return { ok: false, tokenRejected: true, status: r.status, message };
      return { ok: false, retryable: FEISHU_RETRYABLE.has(code ?? '') || retryableStatus(r.status), status: r.status, message };
    }
    if (r.status < 200 || r.status > 299) {
      return { ok: false, retryable: retryableStatus(r.status), status: r.status, message: `${LABEL} ${what}: HTTP ${r.status}` };
    }
    if (typeof body.data !== 'object' || body.data === null) {
      return { ok: false, retryable: false, status: r.status, message: `${LABEL} ${what}: the reply has no "data" object` };
    }
    return { ok: true, bodyText: r.bodyText };
  }

  return createTokenedClient({ vendor: 'feishu', label: LABEL, secrets: [appSecret], requestToken, requestInstance }, options.now);
}
