import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signStandardWebhook } from '../server/inbound/standard-webhook';
import { makeClaim } from './claims';
import { inParallel, LedgerlinkServer } from './server';

/**
 * 5,000 malformed or hostile requests at the webhook route of the real server: every one gets a 4xx, the server
 * stays up, and nothing unsigned is stored (a validly signed body that is not an instance is kept in quarantine,
 * as the spec asks, and makes no work).
 */
const TOTAL = 5000;
const WRONG_SECRET = 'whsec_' + Buffer.alloc(32, 99).toString('base64');

let server: LedgerlinkServer;
let secret: string;

beforeAll(async () => {
  server = new LedgerlinkServer('hostile');
  await server.start();
  secret = server.cli(['connectors', 'create', '--kind', 'webhook', '--format', 'dingtalk', '--name', 'rel-dingtalk', '--template', 'PROC-TRAVEL-EXPENSE']).secret;
}, 700_000);

afterAll(async () => {
  await server?.dispose();
});

interface Hostile {
  kind: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | ReadableStream<Uint8Array>;
  /** validly signed (may be quarantined) */
  signed?: boolean;
}

const claim = makeClaim('dingtalk', 7303, 1).body;
const nowS = () => Math.floor(Date.now() / 1000);
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const HOSTILE_STRINGS = [
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
  '{"result":"\\u0000\\u0000\\ud800"}',
  "'; DROP TABLE inbound_events; --",
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]><x>&a;</x>',
  '{"a":' + '1'.repeat(5000) + '}',
  '{"result":{"businessId":"' + '𠜎'.repeat(20_000) + '"}}',
  '\u202e\ufeff{"a":1}',
  '{"a":1e999999}',
  '{"a":1,"a":2,"a":3}',
  '\xff\xfe\x00{',
];

/** Request number i of the hostile mix; each kind comes back every CYCLE requests. */
function hostile(i: number): Hostile {
  const id = `hostile-${i}`;
  const cycle = i % 20;
  const json = { 'content-type': 'application/json' };
  switch (cycle) {
    case 0:
      return { kind: 'no signature', headers: json, body: claim };
    case 1:
      return { kind: 'wrong secret', headers: { ...json, ...signStandardWebhook(WRONG_SECRET, { id, timestamp: new Date(), body: claim }) }, body: claim };
    case 2:
      return { kind: 'stale timestamp', headers: { ...json, ...signStandardWebhook(secret, { id, timestamp: new Date(Date.now() - 10 * 60_000), body: claim }) }, body: claim };
    case 3:
      return { kind: 'future timestamp', headers: { ...json, ...signStandardWebhook(secret, { id, timestamp: new Date(Date.now() + 10 * 60_000), body: claim }) }, body: claim };
    case 4: {
      // signed, then the body is changed by one character
      const h = signStandardWebhook(secret, { id, timestamp: new Date(), body: claim });
      return { kind: 'tampered body', headers: { ...json, ...h }, body: claim.replace('1280.00', '9280.00') };
    }
    case 5:
      return { kind: 'garbage signature', headers: { ...json, 'webhook-id': id, 'webhook-timestamp': String(nowS()), 'webhook-signature': ['v1,', 'v1,!!!', 'v2,AAAA', 'v1,' + 'A'.repeat(10_000), ',,,', 'v1,AAAA v1,BBBB'][i % 6] }, body: claim };
    case 6:
      return { kind: 'bad timestamp header', headers: { ...json, 'webhook-id': id, 'webhook-timestamp': ['', 'abc', '-1', '1e20', '99999999999999999999'][i % 5], 'webhook-signature': 'v1,AAAA' }, body: claim };
    case 7:
      return { kind: 'non-JSON, unsigned', headers: json, body: ['not json', '{', '', 'null', '[]', '{"a":'][i % 6] };
    case 8:
      return { kind: 'deep nesting, unsigned', headers: json, body: deep(100_000) };
    case 9: {
      // a wrong content type with a wrong signature
      const type = ['text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/xml', 'image/png'][i % 5];
      return { kind: 'wrong content type', headers: { 'content-type': type, ...signStandardWebhook(WRONG_SECRET, { id, timestamp: new Date(), body: claim }) }, body: claim };
    }
    case 10:
      return { kind: 'hostile string, unsigned', headers: json, body: HOSTILE_STRINGS[i % HOSTILE_STRINGS.length] };
    case 11:
      return { kind: 'unknown connector', path: ['/api/hooks/nope', '/api/hooks/..%2F..%2Fetc%2Fpasswd', '/api/hooks/%00', `/api/hooks/${'x'.repeat(2000)}`, '/api/hooks/demo-dingtalk%20', '/api/hooks/REL-DINGTALK'][i % 6], headers: json, body: claim };
    case 12:
      return { kind: 'wrong method', method: ['GET', 'PUT', 'DELETE', 'PATCH'][i % 4], headers: json, body: claim };
    case 13: {
      // signed with the right secret, but not an instance of the connector's format: 400, quarantined
      const body = ['{"hello":"world"}', 'not json at all', deep(1000), '[]'][i % 4];
      return { kind: 'signed non-instance', headers: { ...json, ...signStandardWebhook(secret, { id, timestamp: new Date(), body }) }, body, signed: true };
    }
    case 14: {
      // signed with the right secret, but an id over 200 characters
      const longId = `x${'y'.repeat(250)}-${i}`;
      return { kind: 'id too long', headers: { ...json, ...signStandardWebhook(secret, { id: longId, timestamp: new Date(), body: claim }) }, body: claim };
    }
    case 15: {
      // a signature of another message replayed under this id
      const h = signStandardWebhook(secret, { id: `other-${i}`, timestamp: new Date(), body: claim });
      return { kind: 'replayed signature', headers: { ...json, ...h, 'webhook-id': id }, body: claim };
    }
    case 16:
      return { kind: 'no webhook-id', headers: { ...json, 'webhook-timestamp': String(nowS()), 'webhook-signature': 'v1,AAAA' }, body: claim };
    case 17:
      return { kind: 'hostile headers', headers: { ...json, 'webhook-id': '../../etc/passwd', 'webhook-timestamp': String(nowS()), 'webhook-signature': 'v1,' + Buffer.from('x').toString('base64'), 'user-agent': 'x'.repeat(8000) }, body: claim };
    case 18:
      return { kind: 'empty body, unsigned', headers: json, body: '' };
    default:
      return { kind: 'signed for another connector', path: '/api/hooks/demo-feishu', headers: { ...json, ...signStandardWebhook(secret, { id, timestamp: new Date(), body: claim }) }, body: claim };
  }
}

/** Bodies over the 1 MB limit: declared, and chunked without a length. */
function huge(i: number): Hostile {
  const big = new Uint8Array(1024 * 1024 + 1 + i).fill(0x20);
  if (i % 2 === 0) return { kind: 'huge body', headers: { 'content-type': 'application/json' }, body: big };
  const chunk = new Uint8Array(64 * 1024).fill(0x5b);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= 24) return controller.close();
      sent++;
      controller.enqueue(chunk);
    },
  });
  return { kind: 'huge chunked body', headers: { 'content-type': 'application/json' }, body: stream };
}

async function fire(h: Hostile): Promise<number | string> {
  try {
    const init: RequestInit & { duplex?: 'half' } = { method: h.method ?? 'POST', headers: h.headers };
    if (init.method !== 'GET' && h.body !== undefined) init.body = h.body as BodyInit;
    if (h.body instanceof ReadableStream) init.duplex = 'half';
    const res = await fetch(`${server.url}${h.path ?? '/api/hooks/rel-dingtalk'}`, init);
    await res.arrayBuffer();
    return res.status;
  } catch (e) {
    return `${(e as Error).message}: ${String((e as { cause?: unknown }).cause)}`;
  }
}

describe('5,000 malformed or hostile requests', () => {
  it('all get a 4xx, the server stays up, and nothing unsigned is stored', async () => {
    const HUGE = 20;
    const requests = [...Array.from({ length: TOTAL - HUGE }, (_, i) => hostile(i)), ...Array.from({ length: HUGE }, (_, i) => huge(i))];
    const answers = new Map<string, Map<number | string, number>>();
    await inParallel(requests, 16, async (h) => {
      const status = await fire(h);
      const byStatus = answers.get(h.kind) ?? new Map();
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      answers.set(h.kind, byStatus);
    });
    const table = Object.fromEntries([...answers].map(([kind, m]) => [kind, Object.fromEntries(m)]));
    console.log('[hostile] answers by kind:', JSON.stringify(table));
    const notFourXx = [...answers].flatMap(([kind, m]) => [...m].filter(([s]) => typeof s !== 'number' || s < 400 || s >= 500).map(([s, n]) => `${kind}: ${s} ×${n}`));
    expect(notFourXx).toEqual([]);
    expect(answers.get('huge body')).toEqual(new Map([[413, HUGE / 2]]));
    expect(answers.get('huge chunked body')).toEqual(new Map([[413, HUGE / 2]]));
    expect(answers.get('no signature')).toEqual(new Map([[401, requests.filter((r) => r.kind === 'no signature').length]]));
    expect(answers.get('signed non-instance')).toEqual(new Map([[400, requests.filter((r) => r.signed).length]]));

    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    // Only the validly signed non-instances are kept, each in quarantine, and none of them made work.
    const stored = server.query<{ message_id: string; status: string }>(`SELECT message_id, status FROM inbound_events`);
    const signedIds = requests.flatMap((r) => (r.signed ? [r.headers!['webhook-id']] : []));
    expect(stored.map((e) => e.message_id).sort()).toEqual(signedIds.sort());
    expect(stored.every((e) => e.status === 'quarantined')).toBe(true);
    expect(server.query(`SELECT id FROM jobs`)).toEqual([]);
    expect(server.query(`SELECT id FROM runs`)).toEqual([]);
    // every refused signature left one security-log entry
    const refusals = server.query<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'hook.refused'`)[0].n;
    expect(refusals).toBeGreaterThan(TOTAL / 3);
  });
});
