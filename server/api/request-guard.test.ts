import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  checkEdge,
  contentSecurityPolicy,
  guardRequest,
  hostIsAllowed,
  publicOrigins,
  PublicUrlError,
} from './request-guard';

beforeEach(() => {
  vi.stubEnv('LEDGERLINK_PUBLIC_URL', '');
  vi.stubEnv('PORT', '3000');
});
afterEach(() => vi.unstubAllEnvs());

function request(method: string, headers: Record<string, string>, path = '/api/trpc/mappings.saveDraft?batch=1'): Request {
  return new Request(`http://localhost:3000${path}`, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : '{}',
  });
}

const JSON_FROM_STUDIO = { host: 'localhost:3000', origin: 'http://localhost:3000', 'content-type': 'application/json' };

async function refusedWith(res: Response | null): Promise<{ status: number; code: string; message: string }> {
  expect(res).not.toBeNull();
  const body = await res!.json();
  return { status: res!.status, code: body.error.code, message: body.error.message };
}

describe('public origins', () => {
  it('defaults to localhost:PORT and accepts 127.0.0.1 on the same port', () => {
    vi.stubEnv('PORT', '3217');
    expect(publicOrigins()).toEqual(['http://localhost:3217', 'http://127.0.0.1:3217', 'http://[::1]:3217']);
  });

  it('takes LEDGERLINK_PUBLIC_URL, several comma-separated, without adding loopback to a real name', () => {
    vi.stubEnv('LEDGERLINK_PUBLIC_URL', 'https://ledger.example.com, http://ledger.intranet:8080/');
    expect(publicOrigins()).toEqual(['https://ledger.example.com', 'http://ledger.intranet:8080']);
  });

  it('refuses a public URL with a path or another scheme, naming the variable', () => {
    vi.stubEnv('LEDGERLINK_PUBLIC_URL', 'https://ledger.example.com/studio');
    expect(() => publicOrigins()).toThrow(PublicUrlError);
    expect(() => publicOrigins()).toThrow(/LEDGERLINK_PUBLIC_URL must be an origin only/);
    vi.stubEnv('LEDGERLINK_PUBLIC_URL', 'ftp://ledger.example.com');
    expect(() => publicOrigins()).toThrow(/must start with http:\/\/ or https:\/\//);
  });

  it('compares a Host with default ports as the origin scheme has them', () => {
    const origins = ['https://ledger.example.com'];
    expect(hostIsAllowed('ledger.example.com', origins)).toBe(true);
    expect(hostIsAllowed('LEDGER.example.com:443', origins)).toBe(true);
    expect(hostIsAllowed('ledger.example.com:8443', origins)).toBe(false);
    expect(hostIsAllowed('ledger.example.com.', origins)).toBe(false);
    expect(hostIsAllowed('ledger.example.com@evil.example', origins)).toBe(false);
    expect(hostIsAllowed('evil.example/ledger.example.com', origins)).toBe(false);
    expect(hostIsAllowed(null, origins)).toBe(false);
  });
});

describe('guardRequest: Host', () => {
  it('refuses a foreign Host (a DNS-rebinding page) even for a GET, with 403 and a JSON reason', async () => {
    const r = await refusedWith(guardRequest(request('GET', { host: 'rebind.attacker.example:3000' }, '/api/trpc/mappings.list')));
    expect(r).toMatchObject({ status: 403, code: 'HOST_NOT_ALLOWED' });
    expect(r.message).toContain('localhost:3000, 127.0.0.1:3000');
    expect(r.message).toContain('"rebind.attacker.example:3000"');
  });

  it('refuses the right name on the wrong port, and a request without Host', async () => {
    expect((await refusedWith(guardRequest(request('GET', { host: 'localhost:3001' })))).code).toBe('HOST_NOT_ALLOWED');
    expect((await refusedWith(guardRequest(request('GET', {})))).code).toBe('HOST_NOT_ALLOWED');
  });

  it('accepts localhost and 127.0.0.1 on the configured port for reads', () => {
    expect(guardRequest(request('GET', { host: 'localhost:3000' }))).toBeNull();
    expect(guardRequest(request('GET', { host: '127.0.0.1:3000' }))).toBeNull();
    expect(guardRequest(request('HEAD', { host: '127.0.0.1:3000' }))).toBeNull();
  });

  it('answers a misconfigured public URL with a 500 that says what to fix', async () => {
    vi.stubEnv('LEDGERLINK_PUBLIC_URL', 'not a url');
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const r = await refusedWith(guardRequest(request('GET', { host: 'localhost:3000' })));
    expect(r).toMatchObject({ status: 500, code: 'PUBLIC_URL_INVALID' });
    expect(r.message).toMatch(/LEDGERLINK_PUBLIC_URL must be an absolute URL/);
    error.mockRestore();
  });
});

describe('guardRequest: mutations', () => {
  it('accepts a JSON POST from the studio origin, on localhost or 127.0.0.1', () => {
    expect(guardRequest(request('POST', JSON_FROM_STUDIO))).toBeNull();
    expect(
      guardRequest(request('POST', { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'content-type': 'application/json; charset=utf-8' })),
    ).toBeNull();
  });

  it('refuses a foreign Origin for every mutating method', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const r = await refusedWith(guardRequest(request(method, { ...JSON_FROM_STUDIO, origin: 'https://attacker.example' })));
      expect(r).toMatchObject({ status: 403, code: 'ORIGIN_NOT_ALLOWED' });
      expect(r.message).toContain(`a ${method} request is accepted only from http://localhost:3000`);
    }
  });

  it('refuses the opaque origin "null" and a same-host Origin on another scheme or port', async () => {
    for (const origin of ['null', 'https://localhost:3000', 'http://localhost:3001', 'http://localhost:3000/']) {
      expect((await refusedWith(guardRequest(request('POST', { ...JSON_FROM_STUDIO, origin })))).code).toBe('ORIGIN_NOT_ALLOWED');
    }
  });

  it('refuses a text/plain, form or multipart POST from the studio itself (no CORS-free request gets in)', async () => {
    for (const type of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await refusedWith(guardRequest(request('POST', { ...JSON_FROM_STUDIO, 'content-type': type })));
      expect(r).toMatchObject({ status: 403, code: 'CONTENT_TYPE_NOT_ALLOWED' });
      expect(r.message).toContain('must be sent as application/json');
    }
    const none = new Request('http://localhost:3000/api/auth/logout', { method: 'POST', headers: { host: 'localhost:3000', origin: 'http://localhost:3000' } });
    expect((await refusedWith(guardRequest(none))).message).toContain('it was (none)');
  });

  it('accepts no Origin with Sec-Fetch-Site: same-origin, and refuses no Origin otherwise', async () => {
    const { origin: _origin, ...noOrigin } = JSON_FROM_STUDIO;
    expect(guardRequest(request('POST', { ...noOrigin, 'sec-fetch-site': 'same-origin' }))).toBeNull();
    for (const site of [undefined, 'same-site', 'cross-site', 'none']) {
      const headers = site ? { ...noOrigin, 'sec-fetch-site': site } : noOrigin;
      const r = await refusedWith(guardRequest(request('POST', headers)));
      expect(r).toMatchObject({ status: 403, code: 'ORIGIN_NOT_ALLOWED' });
    }
  });

  it('lets a foreign Origin not hide behind Sec-Fetch-Site: same-origin', async () => {
    const headers = { ...JSON_FROM_STUDIO, origin: 'https://attacker.example', 'sec-fetch-site': 'same-origin' };
    expect((await refusedWith(guardRequest(request('POST', headers)))).code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('exempts server-to-server endpoints from the Origin rule but not from Host, with their own content types', async () => {
    const webhook = { host: 'localhost:3000', 'content-type': 'text/xml' };
    expect(guardRequest(request('POST', webhook), { serverToServer: true, contentTypes: ['text/xml', 'application/json'] })).toBeNull();
    expect((await refusedWith(guardRequest(request('POST', webhook), { serverToServer: true }))).code).toBe('CONTENT_TYPE_NOT_ALLOWED');
    const foreignHost = { ...webhook, host: 'evil.example' };
    expect((await refusedWith(guardRequest(request('POST', foreignHost), { serverToServer: true, contentTypes: ['text/xml'] }))).code).toBe(
      'HOST_NOT_ALLOWED',
    );
  });

  it('follows LEDGERLINK_PUBLIC_URL behind a TLS proxy: that host and https origin only', async () => {
    vi.stubEnv('LEDGERLINK_PUBLIC_URL', 'https://ledger.example.com');
    const fromProxy = { host: 'ledger.example.com', origin: 'https://ledger.example.com', 'content-type': 'application/json' };
    expect(guardRequest(request('POST', fromProxy))).toBeNull();
    expect((await refusedWith(guardRequest(request('POST', { ...fromProxy, origin: 'http://ledger.example.com' })))).code).toBe('ORIGIN_NOT_ALLOWED');
    expect((await refusedWith(guardRequest(request('GET', { host: 'localhost:3000' })))).code).toBe('HOST_NOT_ALLOWED');
  });
});

describe('checkEdge (proxy.ts)', () => {
  it('gives a page a CSP with a fresh nonce, in the response and in the request Next renders', () => {
    const first = checkEdge(request('GET', { host: 'localhost:3000' }, '/mappings'));
    const second = checkEdge(request('GET', { host: 'localhost:3000' }, '/mappings'));
    if (first.refuse || second.refuse) throw new Error('refused');
    const policy = first.responseHeaders['content-security-policy'];
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
    expect(nonce).toHaveLength(24);
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-eval');
    expect(first.requestHeaders.get('content-security-policy')).toBe(policy);
    if (second.refuse) throw new Error('refused');
    expect(second.responseHeaders['content-security-policy']).not.toBe(policy);
  });

  it('sets no page CSP on API paths and refuses foreign hosts and cross-site mutations there too', async () => {
    const api = checkEdge(request('GET', { host: '127.0.0.1:3000' }, '/api/trpc/mappings.list'));
    expect(api.refuse).toBeUndefined();
    if (!api.refuse) expect(api.responseHeaders).toEqual({});
    const foreign = checkEdge(request('GET', { host: 'evil.example' }, '/'));
    expect(foreign.refuse?.status).toBe(403);
    const textPost = checkEdge(request('POST', { ...JSON_FROM_STUDIO, 'content-type': 'text/plain' }, '/mappings/x'));
    expect((await refusedWith(textPost.refuse ?? null)).code).toBe('CONTENT_TYPE_NOT_ALLOWED');
  });

  it('leaves webhook paths to their route handler, apart from the Host', () => {
    const hook = checkEdge(request('POST', { host: 'localhost:3000', 'content-type': 'text/xml' }, '/api/hooks/wecom'));
    expect(hook.refuse).toBeUndefined();
    expect(checkEdge(request('POST', { host: 'evil.example', 'content-type': 'text/xml' }, '/api/hooks/wecom')).refuse?.status).toBe(403);
  });

  it('leaves the demo ledger (which the worker calls with no Origin) to its route handler, but not its neighbours', () => {
    const delivery = { host: '127.0.0.1:3000', 'content-type': 'application/json; charset=utf-8' };
    expect(checkEdge(request('POST', delivery, '/api/demo-ledger')).refuse).toBeUndefined();
    expect(checkEdge(request('POST', delivery, '/api/demo-ledger-x')).refuse?.status).toBe(403);
    expect(checkEdge(request('POST', { ...delivery, host: 'evil.example' }, '/api/demo-ledger')).refuse?.status).toBe(403);
  });

  it('asks for upgrade-insecure-requests only when the public URL is https, and unsafe-eval only in dev', () => {
    expect(contentSecurityPolicy('n', { https: true })).toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy('n')).not.toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy('n', { dev: true })).toContain("'unsafe-eval'");
  });
});
