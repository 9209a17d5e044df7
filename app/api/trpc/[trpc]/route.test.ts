import { describe, expect, it } from 'vitest';
import { POST } from './route';

describe('tRPC route', () => {
  it('refuses a body declared larger than 25 MB with 413, before reading it', async () => {
    const req = new Request('http://localhost/api/trpc/preview.run', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(30 * 1024 * 1024) },
      body: '{}',
    });
    const res = await POST(req);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
