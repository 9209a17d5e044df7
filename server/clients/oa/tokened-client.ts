/** The fetch-an-instance flow the three vendors share: cached token, one replacement when the vendor refuses it. */
import type { Failure, TokenRejected } from './outcome';
import { redact } from './outcome';
import { TokenCache, type TokenGrant } from './token-cache';
import type { InstanceFetchResult, OaClient, OaVendor } from './types';

export type InstanceAttempt = { ok: true; bodyText: string } | Failure | TokenRejected;

export interface VendorApi {
  vendor: OaVendor;
  /** "DingTalk", "WeCom", "Feishu": the first word of every message. */
  label: string;
  /** Credential secrets never to appear in a message (tokens are added as they are issued). */
  secrets: readonly string[];
  requestToken(): Promise<TokenGrant>;
  requestInstance(token: string, instanceId: string): Promise<InstanceAttempt>;
}

const MAX_INSTANCE_ID = 256;

export function createTokenedClient(api: VendorApi, now?: () => number): OaClient {
  const issued = new Set<string>();
  const cache = new TokenCache(async () => {
    const g = await api.requestToken();
    if (g.ok) {
      issued.add(g.token);
      // Only recent tokens can appear in a reply; the oldest is dropped so a long-lived process stays bounded.
      if (issued.size > 8) issued.delete(issued.values().next().value as string);
    }
    return g;
  }, now);
  const scrub = (r: InstanceFetchResult): InstanceFetchResult =>
    r.ok ? r : { ...r, message: redact(r.message, [...api.secrets, ...issued]) };

  async function attempt(instanceId: string): Promise<InstanceAttempt> {
    const t = await cache.get();
    if (!t.ok) return { ...t, message: `${api.label} access token: ${t.message}` };
    const r = await api.requestInstance(t.token, instanceId);
    if (!r.ok && 'tokenRejected' in r) cache.invalidate(t.token);
    return r;
  }

  return {
    vendor: api.vendor,
    async fetchInstance(instanceId: string): Promise<InstanceFetchResult> {
      if (typeof instanceId !== 'string' || instanceId.trim() === '' || instanceId.length > MAX_INSTANCE_ID) {
        return { ok: false, retryable: false, message: `${api.label} instance id must be 1–${MAX_INSTANCE_ID} characters` };
      }
      const first = await attempt(instanceId);
      if (first.ok || !('tokenRejected' in first)) return scrub(first);
      // Tokens die before their expires_in (revoked, reissued elsewhere, vendor restart): one fresh token, once.
      const second = await attempt(instanceId);
      if (second.ok || !('tokenRejected' in second)) return scrub(second);
      return scrub({
        ok: false,
        retryable: true,
        status: second.status,
        message: `${api.label} refused a freshly issued access token too: ${second.message}`,
      });
    },
  };
}

export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}
