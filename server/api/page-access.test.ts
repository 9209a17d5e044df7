import { describe, expect, it } from 'vitest';
import { isAbsentBenchPage, pageLoginRedirect } from './page-access';

const get = (path: string, cookie?: string) => new Request(`http://localhost:3000${path}`, { headers: cookie ? { cookie } : {} });

describe('pageLoginRedirect', () => {
  it('sends a page request without a session cookie to the login page with its way back', () => {
    expect(pageLoginRedirect(get('/mappings/x/edit?tab=1'))).toBe(`/login?next=${encodeURIComponent('/mappings/x/edit?tab=1')}`);
  });

  it('lets the login page, the API and built assets through without a cookie', () => {
    for (const path of ['/login', '/api/health', '/_next/static/a.js', '/icon.svg']) expect(pageLoginRedirect(get(path))).toBeNull();
  });
});

describe('isAbsentBenchPage', () => {
  it('hides /bench and everything under it unless the server runs the bench', () => {
    expect(isAbsentBenchPage('/bench/flow/demo', {})).toBe(true);
    expect(isAbsentBenchPage('/bench', { LEDGERLINK_BENCH: '0' })).toBe(true);
    expect(isAbsentBenchPage('/bench/flow/demo', { LEDGERLINK_BENCH: '1' })).toBe(false);
  });

  it('leaves other pages alone, including ones that merely start with the letters', () => {
    expect(isAbsentBenchPage('/benchmarks', {})).toBe(false);
    expect(isAbsentBenchPage('/mappings/bench/edit', {})).toBe(false);
  });
});
