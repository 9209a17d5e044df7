import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpTestServer, type HttpTestServer } from './http-test-server';

/**
 * The network edge over real HTTP, against the real tRPC route: what a DNS-rebinding page, another site's form or
 * fetch, and the studio itself send. Whether a request that passes the edge is then signed in is another layer's
 * business: "passed" here means the answer is tRPC's, not the guard's 403.
 */

let server: HttpTestServer;
beforeAll(async () => {
  server = await startHttpTestServer();
});
afterAll(() => server.close());

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/** One request with exactly these headers (Host included, which fetch will not let a caller set). */
function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path, headers, setHost: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let parsed: any;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Array.isArray(parsed) ? parsed[0] : parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const GUARD_CODES = ['HOST_NOT_ALLOWED', 'ORIGIN_NOT_ALLOWED', 'CONTENT_TYPE_NOT_ALLOWED'];
function passedGuard(r: Raw): boolean {
  return r.status !== 403 && !GUARD_CODES.includes(r.body?.error?.code);
}

const LIST = `/api/trpc/mappings.list?batch=1&input=${encodeURIComponent('{"0":{"json":null}}')}`;
const DUPLICATE = '/api/trpc/mappings.duplicate?batch=1';
const duplicateBody = (to: string) => JSON.stringify({ 0: { json: { from: 'travel-reimbursement.wecom-u8', to } } });

describe('the edge over HTTP (real tRPC route)', () => {
  it('refuses a foreign Host — a DNS-rebinding page — even for a read, and says which hosts are served', async () => {
    const r = await send('GET', LIST, { host: `rebind.attacker.example:${server.port}` });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('HOST_NOT_ALLOWED');
    expect(r.body.error.message).toContain(`localhost:${server.port}, 127.0.0.1:${server.port}`);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves both localhost:PORT and 127.0.0.1:PORT by default (what browsers and Playwright use), with nosniff', async () => {
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`]) {
      const r = await send('GET', LIST, { host });
      expect(passedGuard(r)).toBe(true);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('refuses a mutation from another origin first: 403 from the guard, not the 401 of a missing session', async () => {
    const r = await send(
      'POST',
      DUPLICATE,
      { host: `127.0.0.1:${server.port}`, origin: 'https://attacker.example', 'content-type': 'application/json' },
      duplicateBody('stolen.copy'),
    );
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED' });
    expect(r.body.error.message).toContain('"https://attacker.example"');
  });

  it('refuses text/plain and multipart mutations (what a cross-site form or no-cors fetch can send), even same-origin', async () => {
    for (const type of ['text/plain;charset=UTF-8', 'multipart/form-data; boundary=----x', 'application/x-www-form-urlencoded']) {
      const r = await send('POST', DUPLICATE, { host: `127.0.0.1:${server.port}`, origin: server.origin, 'content-type': type }, duplicateBody('form.copy'));
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('CONTENT_TYPE_NOT_ALLOWED');
    }
  });

  it('lets the studio through: Origin of the served address, or no Origin with Sec-Fetch-Site: same-origin', async () => {
    const viaOrigin = await send(
      'POST',
      DUPLICATE,
      { host: `localhost:${server.port}`, origin: `http://localhost:${server.port}`, 'content-type': 'application/json' },
      duplicateBody('edge.copy-a'),
    );
    expect(passedGuard(viaOrigin)).toBe(true);
    const viaFetchSite = await send(
      'POST',
      DUPLICATE,
      { host: `127.0.0.1:${server.port}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      duplicateBody('edge.copy-b'),
    );
    expect(passedGuard(viaFetchSite)).toBe(true);
    const neither = await send('POST', DUPLICATE, { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json' }, duplicateBody('edge.copy-c'));
    expect(neither.status).toBe(403);
    expect(neither.body.error.code).toBe('ORIGIN_NOT_ALLOWED');
  });
});
