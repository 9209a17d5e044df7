import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST } from './route';

// The default public origin, whatever the shell running the tests has set.
beforeEach(() => {
  vi.stubEnv('LEDGERLINK_PUBLIC_URL', '');
  vi.stubEnv('PORT', '3000');
});
afterEach(() => vi.unstubAllEnvs());

const STUDIO = { host: 'localhost:3000', origin: 'http://localhost:3000' };

describe('tRPC route', () => {
  it('refuses a body declared larger than 25 MB with 413, before reading it', async () => {
    const req = new Request('http://localhost/api/trpc/preview.run', {
      method: 'POST',
      headers: { ...STUDIO, 'content-type': 'application/json', 'content-length': String(30 * 1024 * 1024) },
      body: '{}',
    });
    const res = await POST(req);
    expect(res.status).toBe(413);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a mutation from another site with 403 before reading its body', async () => {
    let pulled = false;
    // highWaterMark 0: the stream is pulled only when someone reads it.
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled = true;
          controller.enqueue(new TextEncoder().encode('{}'));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const req = new Request('http://localhost/api/trpc/mappings.saveDraft?batch=1', {
      method: 'POST',
      headers: { ...STUDIO, origin: 'https://attacker.example', 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    const res = await POST(req);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('ORIGIN_NOT_ALLOWED');
    expect(pulled).toBe(false);
  });
});
