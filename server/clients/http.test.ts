import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { outboundFetch, type OutboundResult } from './http';
import { refusedRange } from './http-address';
import { parseRetryAfter } from './http-retry-after';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(handler: http.RequestListener): Promise<{ port: number; hits: () => number }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  // Destroy lingering sockets (a hanging handler) when the test closes the server.
  server.on('connection', (s) => server.once('close', () => s.destroy()));
  return { port: (server.address() as AddressInfo).port, hits: () => hits };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function failure(result: OutboundResult) {
  if (result.kind !== 'failed') throw new Error(`expected a failure, got HTTP ${result.status}`);
  return result;
}

function response(result: OutboundResult) {
  if (result.kind !== 'response') throw new Error(`expected a response, got ${result.reason}: ${result.message}`);
  return result;
}

describe('address policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['192.168.0.10', 'private'],
    ['172.20.0.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'ipv4Mapped/loopback'],
    ['::ffff:10.0.0.1', 'ipv4Mapped/private'],
    ['64:ff9b::a00:1', 'rfc6052/private'],
    ['2002:c0a8:101::1', '6to4/private'],
  ])('refuses %s (%s)', (address, range) => {
    expect(refusedRange(address)).toBe(range);
  });

  it.each(['8.8.8.8', '203.0.114.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])('lets public %s through', (address) => {
    expect(refusedRange(address)).toBeNull();
  });
});

describe('outboundFetch', () => {
  it('refuses a loopback literal without connecting, and connects when the host:port is allowed', async () => {
    const s = await serve((_req, res) => res.end('ok'));
    const refused = failure(await outboundFetch({ method: 'GET', url: `http://127.0.0.1:${s.port}/x` }, { allow: [] }));
    expect(refused).toMatchObject({ reason: 'refused_address', sent: false });
    expect(refused.message).toContain('loopback');
    expect(s.hits()).toBe(0);

    const ok = response(await outboundFetch({ method: 'GET', url: `http://127.0.0.1:${s.port}/x` }, { allow: [`127.0.0.1:${s.port}`] }));
    expect(ok).toMatchObject({ status: 200, bodyText: 'ok' });
    expect(s.hits()).toBe(1);
  });

  it('refuses an IPv4-mapped IPv6 literal for loopback', async () => {
    const result = failure(await outboundFetch({ method: 'GET', url: 'http://[::ffff:127.0.0.1]:9/' }, { allow: [] }));
    expect(result.reason).toBe('refused_address');
  });

  it('checks the addresses a host name resolves to (localhost → loopback) at connect time', async () => {
    const s = await serve((_req, res) => res.end('ok'));
    const refused = failure(await outboundFetch({ method: 'GET', url: `http://localhost:${s.port}/` }, { allow: [`127.0.0.1:${s.port}`] }));
    expect(refused).toMatchObject({ reason: 'refused_address', sent: false });
    expect(s.hits()).toBe(0);

    const allowed = await outboundFetch({ method: 'GET', url: `http://localhost:${s.port}/` }, { allow: [`LOCALHOST:${s.port}`] });
    // localhost may resolve to ::1 first, where nothing listens; the fetch must still get through on 127.0.0.1.
    expect(response(allowed).status).toBe(200);
  });

  it('reads the allow-list from LEDGERLINK_OUTBOUND_ALLOW by default', async () => {
    const s = await serve((_req, res) => res.end('ok'));
    const before = process.env.LEDGERLINK_OUTBOUND_ALLOW;
    try {
      process.env.LEDGERLINK_OUTBOUND_ALLOW = `example.invalid:1, 127.0.0.1:${s.port}`;
      expect(response(await outboundFetch({ method: 'GET', url: `http://127.0.0.1:${s.port}/` })).status).toBe(200);
      process.env.LEDGERLINK_OUTBOUND_ALLOW = '';
      expect(failure(await outboundFetch({ method: 'GET', url: `http://127.0.0.1:${s.port}/` })).reason).toBe('refused_address');
    } finally {
      if (before === undefined) delete process.env.LEDGERLINK_OUTBOUND_ALLOW;
      else process.env.LEDGERLINK_OUTBOUND_ALLOW = before;
    }
  });

  it('tells a connection error from a timeout from a reset after the body was sent', async () => {
    // A port that was just freed: nothing listens there.
    const gone = await serve(() => undefined);
    const closedPort = gone.port;
    await new Promise((r) => servers.pop()!.close(r));
    const connect = failure(await outboundFetch({ method: 'POST', url: `http://127.0.0.1:${closedPort}/`, body: 'x' }, { allow: [`127.0.0.1:${closedPort}`] }));
    expect(connect).toMatchObject({ reason: 'connect', sent: false });

    const hang = await serve(() => undefined);
    const timeout = failure(
      await outboundFetch({ method: 'POST', url: `http://127.0.0.1:${hang.port}/`, body: '{"a":1}', timeoutMs: 300 }, { allow: [`127.0.0.1:${hang.port}`] }),
    );
    expect(timeout).toMatchObject({ reason: 'timeout', sent: true });
    expect(timeout.durationMs).toBeGreaterThanOrEqual(290);

    let bodySeen = '';
    const drop = await serve(async (req) => {
      bodySeen = await readBody(req);
      req.socket.destroy();
    });
    const reset = failure(await outboundFetch({ method: 'POST', url: `http://127.0.0.1:${drop.port}/`, body: 'voucher' }, { allow: [`127.0.0.1:${drop.port}`] }));
    expect(reset).toMatchObject({ reason: 'reset', sent: true });
    expect(bodySeen).toBe('voucher');
  });

  it('returns a redirect as a response instead of following it', async () => {
    const target = await serve((_req, res) => res.end('followed'));
    const s = await serve((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${target.port}/` });
      res.end();
    });
    const allow = [`127.0.0.1:${s.port}`, `127.0.0.1:${target.port}`];
    const r = response(await outboundFetch({ method: 'GET', url: `http://127.0.0.1:${s.port}/` }, { allow }));
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe(`http://127.0.0.1:${target.port}/`);
    expect(target.hits()).toBe(0);
  });

  it('passes Retry-After on as milliseconds', async () => {
    const s = await serve((req, res) => {
      res.writeHead(503, { 'retry-after': req.url === '/date' ? new Date(Date.now() + 30_000).toUTCString() : '7' });
      res.end('busy');
    });
    const allow = [`127.0.0.1:${s.port}`];
    expect(response(await outboundFetch({ method: 'GET', url: `http://127.0.0.1:${s.port}/secs` }, { allow })).retryAfterMs).toBe(7000);
    const byDate = response(await outboundFetch({ method: 'GET', url: `http://127.0.0.1:${s.port}/date` }, { allow })).retryAfterMs!;
    expect(byDate).toBeGreaterThan(25_000);
    expect(byDate).toBeLessThanOrEqual(30_000);
  });

  it('cuts off a reply over the size limit, declared or streamed', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/declared') res.setHeader('content-length', '5000');
      res.write('x'.repeat(2500));
      res.end('y'.repeat(2500));
    });
    const allow = [`127.0.0.1:${s.port}`];
    for (const path of ['/declared', '/chunked']) {
      const r = failure(await outboundFetch({ method: 'GET', url: `http://127.0.0.1:${s.port}${path}`, maxResponseBytes: 1000 }, { allow }));
      expect(r).toMatchObject({ reason: 'too_large', sent: true });
    }
    expect(response(await outboundFetch({ method: 'GET', url: `http://127.0.0.1:${s.port}/chunked`, maxResponseBytes: 5000 }, { allow })).bodyText).toHaveLength(5000);
  });

  it('keeps repeated Set-Cookie headers apart', async () => {
    const s = await serve((_req, res) => {
      res.setHeader('set-cookie', ['kdservice-sessionid=abc; path=/', 'ASP.NET_SessionId=def; Expires=Wed, 21 Oct 2099 07:28:00 GMT']);
      res.end();
    });
    const r = response(await outboundFetch({ method: 'GET', url: `http://127.0.0.1:${s.port}/` }, { allow: [`127.0.0.1:${s.port}`] }));
    expect(r.headers['set-cookie'].split('\n')).toHaveLength(2);
  });

  it('decodes a reply in the charset it declares (header or XML declaration), e.g. GBK from U8 EAI', async () => {
    const gbk = Buffer.from([0xc6, 0xbe, 0xd6, 0xa4]); // 凭证 in GBK
    const s = await serve((req, res) => {
      if (req.url === '/header') res.setHeader('content-type', 'text/xml; charset=gb2312');
      else res.setHeader('content-type', 'text/xml');
      res.end(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="gb2312"?><r>'), gbk, Buffer.from('</r>')]));
    });
    const allow = [`127.0.0.1:${s.port}`];
    for (const p of ['/header', '/declaration']) {
      expect(response(await outboundFetch({ method: 'GET', url: `http://127.0.0.1:${s.port}${p}` }, { allow })).bodyText).toContain('<r>凭证</r>');
    }
  });

  it('refuses bad URLs and keeps secrets out of messages', async () => {
    expect(failure(await outboundFetch({ method: 'GET', url: 'not a url' })).reason).toBe('bad_url');
    expect(failure(await outboundFetch({ method: 'GET', url: 'file:///etc/passwd' })).reason).toBe('bad_url');
    const creds = failure(await outboundFetch({ method: 'GET', url: 'https://admin:hunter2@example.com/' }));
    expect(creds.reason).toBe('bad_url');
    expect(creds.message).not.toContain('hunter2');

    const s = await serve((req) => req.socket.destroy());
    const r = failure(
      await outboundFetch(
        { method: 'POST', url: `http://127.0.0.1:${s.port}/api?access_token=TOKEN123`, headers: { authorization: 'Bearer SECRET456' }, body: 'BODY789' },
        { allow: [`127.0.0.1:${s.port}`] },
      ),
    );
    for (const secret of ['TOKEN123', 'SECRET456', 'BODY789']) expect(r.message).not.toContain(secret);
    expect(r.message).toContain('/api');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Wed, 01 Jan 2025 00:01:00 GMT', 60_000],
    ['Wednesday, 01-Jan-25 00:00:30 GMT', 30_000],
    ['Wed Jan  1 00:00:10 2025', 10_000],
    ['Tue, 31 Dec 2024 23:00:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    [undefined, undefined],
  ])('%s → %s', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
