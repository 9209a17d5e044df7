import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpTestServer, type HttpTestServer } from './http-test-server';
import { MAX_BODY_BYTES } from './request-body';

let server: HttpTestServer;
beforeAll(async () => {
  server = await startHttpTestServer();
});
afterAll(() => server.close());

const MB = 1024 * 1024;

interface ChunkedResult {
  status: number;
  body: string;
  /** Bytes the client had handed to the socket when the answer came. */
  sentBeforeAnswer: number;
  /** Highest resident memory of this process (client and server both live here) above the start. */
  peakGrowth: number;
  ms: number;
}

/**
 * Streams a body with Transfer-Encoding: chunked and no Content-Length, 1 MB at a time up to `upTo` bytes, and
 * stops sending as soon as the server answers.
 */
function sendChunked(upTo: number): Promise<ChunkedResult> {
  const start = Date.now();
  const rssAtStart = process.memoryUsage().rss;
  let peak = rssAtStart;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const chunk = Buffer.alloc(MB, 'x'); // one buffer, written again and again: the client itself holds ~1 MB
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/trpc/preview.run?batch=1', headers: { 'content-type': 'application/json', origin: server.origin } },
      (res) => {
        answered = true;
        const sentBeforeAnswer = sent;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => {
          clearInterval(sampler);
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body, sentBeforeAnswer, peakGrowth: peak - rssAtStart, ms: Date.now() - start });
        });
      },
    );
    req.on('error', (e) => {
      if (!answered) {
        clearInterval(sampler);
        reject(e);
      }
    });
    const pump = () => {
      while (!answered && sent < upTo) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end('"}}}');
    };
    req.write('{"0":{"json":{"mappingName":"m","payloadText":"');
    pump();
  });
}

describe('request bodies are limited on the bytes actually read', () => {
  it('answers a chunked body without Content-Length 413 once it passes the limit, without reading it whole', async () => {
    const r = await sendChunked(300 * MB);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: `the request body passed ${MAX_BODY_BYTES} bytes before it ended; at most ${MAX_BODY_BYTES} bytes are accepted`,
    });
    // Answered while the client was still sending: the server stopped reading near the limit, not at 300 MB.
    expect(r.sentBeforeAnswer).toBeLessThan(MAX_BODY_BYTES + 32 * MB);
    expect(r.ms).toBeLessThan(5_000);
    // The body read up to the limit is the most the server held; reading all 300 MB took gigabytes before.
    expect(r.peakGrowth).toBeLessThan(150 * MB);
  });

  it('refuses a body of brackets that would swell in memory once parsed (413), and reads normal requests', async () => {
    const brackets = `{"0":{"json":{"mappingName":"m","payloadText":"x","sampleId":${'['.repeat(600_000)}${']'.repeat(600_000)}}}}`;
    const res = await fetch(`${server.origin}/api/trpc/preview.run?batch=1`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.origin }, body: brackets });
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/more than 500,000 objects and lists/);

    const ok = await fetch(`${server.origin}/api/trpc/mappings.list?batch=1&input=${encodeURIComponent('{"0":{"json":null}}')}`, { headers: { cookie: server.sessionCookie } });
    expect(ok.status).toBe(200);
  });
});
