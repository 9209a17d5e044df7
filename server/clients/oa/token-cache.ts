/**
 * One access token per OA app, shared by every caller of a client. The vendors rate-limit their token
 * endpoints and say to cache (DingTalk, WeCom and Feishu all issue tokens valid for 7200 s), so concurrent
 * fetches wait on the single request in flight instead of each asking for a token.
 */

export type TokenGrant = { ok: true; token: string; expiresInS: number } | { ok: false; retryable: boolean; message: string; status?: number };
export type TokenOutcome = { ok: true; token: string } | { ok: false; retryable: boolean; message: string; status?: number };

/**
 * Seconds before the vendor's expiry at which a token counts as stale: a request started with a token in its
 * last minutes may reach the vendor after it expired. A tenth of the lifetime for short-lived tokens.
 */
export function refreshMarginS(expiresInS: number): number {
  return Math.min(300, Math.floor(expiresInS / 10));
}

export class TokenCache {
  private current: { token: string; staleAt: number } | null = null;
  private inflight: Promise<TokenOutcome> | null = null;

  constructor(
    private readonly request: () => Promise<TokenGrant>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A cached token still fresh, or the outcome of the one token request in flight (started when needed). */
  get(): Promise<TokenOutcome> {
    const c = this.current;
    if (c && this.now() < c.staleAt) return Promise.resolve({ ok: true, token: c.token });
    if (!this.inflight) {
      this.inflight = this.refresh().finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  /**
   * The vendor called `token` invalid or expired. Forget it, unless another caller already replaced it: then
   * the next `get` returns the replacement instead of asking again (several callers may hold the same bad token).
   */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = null;
  }

  private async refresh(): Promise<TokenOutcome> {
    let grant: TokenGrant;
    try {
      grant = await this.request();
    } catch (e) {
      // The vendor modules return failures as values; a throw here is a bug, reported without its details
      // because a stack or message could carry a request URL with a secret in it.
      return { ok: false, retryable: true, message: `access token request failed unexpectedly (${e instanceof Error ? e.name : 'error'})` };
    }
    if (!grant.ok) return grant;
    const lifetime = Number.isFinite(grant.expiresInS) && grant.expiresInS > 0 ? grant.expiresInS : 0;
    this.current = { token: grant.token, staleAt: this.now() + (lifetime - refreshMarginS(lifetime)) * 1000 };
    return { ok: true, token: grant.token };
  }
}
