import { describe, expect, it } from 'vitest';
import { redact } from './outcome';
import { refreshMarginS, TokenCache, type TokenGrant } from './token-cache';

function counting(grants: TokenGrant[]) {
  let calls = 0;
  const request = async () => {
    const g = grants[Math.min(calls, grants.length - 1)];
    calls += 1;
    await new Promise((r) => setTimeout(r, 5));
    return g;
  };
  return { request, calls: () => calls };
}

describe('TokenCache', () => {
  it('keeps a replacement when a second holder of the old token reports it invalid', async () => {
    const src = counting([
      { ok: true, token: 'old', expiresInS: 7200 },
      { ok: true, token: 'new', expiresInS: 7200 },
    ]);
    const cache = new TokenCache(src.request);
    expect(await cache.get()).toEqual({ ok: true, token: 'old' });
    cache.invalidate('old');
    expect(await cache.get()).toEqual({ ok: true, token: 'new' });
    // A slower caller that also held "old" must not throw away "new".
    cache.invalidate('old');
    expect(await cache.get()).toEqual({ ok: true, token: 'new' });
    expect(src.calls()).toBe(2);
  });

  it('shares a failed token request with every waiter, then asks again on the next call', async () => {
    const src = counting([
      { ok: false, retryable: true, message: 'busy' },
      { ok: true, token: 't', expiresInS: 7200 },
    ]);
    const cache = new TokenCache(src.request);
    const first = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(first.every((o) => !o.ok)).toBe(true);
    expect(src.calls()).toBe(1);
    expect(await cache.get()).toEqual({ ok: true, token: 't' });
    expect(src.calls()).toBe(2);
  });

  it('turns a throwing token request into a retryable failure without its message', async () => {
    const cache = new TokenCache(async () => {
      throw new Error('GET https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpsecret=TOP-SECRET');
    });
    const o = await cache.get();
    expect(o.ok).toBe(false);
    if (!o.ok) {
      expect(o.retryable).toBe(true);
      expect(o.message).not.toContain('TOP-SECRET');
    }
  });

  it('counts a token stale 5 minutes early, or a tenth of a short lifetime early', () => {
    expect(refreshMarginS(7200)).toBe(300);
    expect(refreshMarginS(600)).toBe(60);
    expect(refreshMarginS(0)).toBe(0);
  });
});

describe('redact', () => {
  it('replaces a secret and its URL-encoded form wherever it appears', () => {
    const secret = 'a/b+c=secret';
    const message = `refused ${secret} at /gettoken?corpsecret=${encodeURIComponent(secret)}`;
    const out = redact(message, [secret]);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).toBe('refused *** at /gettoken?corpsecret=***');
  });
});
