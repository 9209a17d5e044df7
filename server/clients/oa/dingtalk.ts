/**
 * DingTalk new-style API (api.dingtalk.com, "v1.0"), what the dingtalk connector reads first:
 * - token: `POST /v1.0/oauth2/accessToken` `{appKey, appSecret}` → `{accessToken, expireIn}` (7200 s);
 * - instance: `GET /v1.0/workflow/processInstances?processInstanceId=…` with header `x-acs-dingtalk-access-token`
 *   → `{result:{…}, success}`.
 * Errors come as a non-2xx status with `{code, message, requestid}`; a bad or expired token is
 * `InvalidAuthentication` ("不合法的access_token", HTTP 400 in real captures, 401 accepted too).
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

const LABEL = 'DingTalk';

/**
 * Throttling answers (per-API QPS limits, the platform's `Forbidden.AccessDenied.QpsLimit…` family) and
 * declared server faults: worth retrying later even when the status is 4xx.
 */
function retryableCode(code: string): boolean {
  return /QpsLimit|Throttl|FlowControl|ServiceUnavailable|systemError|SystemBusy/i.test(code);
}

function errorFailure(what: string, status: number, bodyText: string): Failure & { code?: string } {
  const body = parseJsonObject(bodyText);
  const code = asText(body?.code) ?? asText(body?.errcode);
  const msg = asText(body?.message) ?? asText(body?.errmsg) ?? (body ? '' : clip(bodyText, 120));
  const retryable = retryableStatus(status) || (code !== undefined && retryableCode(code));
  return { ok: false, retryable, status, code, message: `${LABEL} ${what}: HTTP ${status}${code ? ` ${clip(code, 80)}` : ''}${msg ? `: ${clip(msg)}` : ''}` };
}

export function createDingtalkClient(options: OaClientOptions<'dingtalk'>): OaClient {
  const { appKey, appSecret } = options.credentials;
  const base = options.baseUrl?.trim() || OA_DEFAULT_BASE_URLS.dingtalk;
  const policy: OutboundPolicy | undefined = options.policy;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function requestToken(): Promise<TokenGrant> {
    const r = await outboundFetch(
      {
        method: 'POST',
        url: joinUrl(base, '/v1.0/oauth2/accessToken'),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ appKey, appSecret }),
        timeoutMs,
        maxResponseBytes: MAX_TOKEN_BYTES,
      },
      policy,
    );
    if (r.kind === 'failed') return transportFailure(LABEL, 'access token request', r);
    if (r.status < 200 || r.status > 299) {
      const f = errorFailure('refused the access token request', r.status, r.bodyText);
      // A 4xx here is the app's credentials or permissions: no retry fixes those.
      return { ok: false, retryable: f.retryable, status: f.status, message: f.message };
    }
    const body = parseJsonObject(r.bodyText);
    const token = asText(body?.accessToken);
    const expireIn = Number(asText(body?.expireIn) ?? NaN);
    if (!token) return { ok: false, retryable: false, status: r.status, message: `${LABEL} access token reply has no accessToken` };
    return { ok: true, token, expiresInS: Number.isFinite(expireIn) ? expireIn : 7200 };
  }

  async function requestInstance(token: string, instanceId: string): Promise<InstanceAttempt> {
    const r = await outboundFetch(
      {
        method: 'GET',
        url: joinUrl(base, `/v1.0/workflow/processInstances?processInstanceId=${encodeURIComponent(instanceId)}`),
        headers: { 'x-acs-dingtalk-access-token': token, accept: 'application/json' },
        timeoutMs,
        maxResponseBytes: MAX_INSTANCE_BYTES,
      },
      policy,
    );
    if (r.kind === 'failed') return transportFailure(LABEL, `instance ${clip(instanceId, 80)}`, r);
    if (r.status < 200 || r.status > 299) {
      const f = errorFailure(`instance ${clip(instanceId, 80)}`, r.status, r.bodyText);
      if (f.code === 'InvalidAuthentication' || r.status === 401) return { ok: false, tokenRejected: true, status: r.status, message: f.message };
      return { ok: false, retryable: f.retryable, status: f.status, message: f.message };
    }
    const body = parseJsonObject(r.bodyText);
    if (!body) return { ok: false, retryable: false, status: r.status, message: `${LABEL} instance ${clip(instanceId, 80)}: the reply is not a JSON object` };
    // The doc's example has success:"true" as a string; the SDK types it as a string too.
    if (body.success === false || body.success === 'false') {
      const f = errorFailure(`instance ${clip(instanceId, 80)} (success: false)`, r.status, r.bodyText);
      return { ok: false, retryable: f.code !== undefined && retryableCode(f.code), status: r.status, message: f.message };
    }
    if (typeof body.result !== 'object' || body.result === null) {
      return { ok: false, retryable: false, status: r.status, message: `${LABEL} instance ${clip(instanceId, 80)}: the reply has no "result" object` };
    }
    return { ok: true, bodyText: r.bodyText };
  }

  return createTokenedClient({ vendor: 'dingtalk', label: LABEL, secrets: [appSecret], requestToken, requestInstance }, options.now);
}
