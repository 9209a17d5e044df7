import { describe, expect, it } from 'vitest';
import { checkJsonContainers, readBodyWithin, readCheckedRequest, RequestBodyError } from './request-body';

function streamOf(chunks: number, chunkBytes: number): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x61));
    },
  });
  return { body, pulled: () => pulled };
}

describe('readBodyWithin', () => {
  it('stops pulling as soon as the bytes read pass the limit, whatever the headers say', async () => {
    const { body, pulled } = streamOf(1000, 1024);
    const req = new Request('http://x/api/trpc/a', { method: 'POST', body, duplex: 'half' } as RequestInit);
    await expect(readBodyWithin(req, 10 * 1024)).rejects.toThrow(/passed 10240 bytes before it ended/);
    expect(pulled()).toBeLessThan(20);
  });

  it('returns a body within the limit whole, and a copy of the request tRPC can parse', async () => {
    const req = new Request('http://x/api/trpc/a', { method: 'POST', body: '{"0":{"json":{"n":1}}}' });
    const checked = await readCheckedRequest(req);
    expect(await checked.json()).toEqual({ 0: { json: { n: 1 } } });
    expect(checked.headers.get('content-length')).toBe('22');
  });
});

describe('checkJsonContainers', () => {
  it('counts objects and lists, not brackets inside strings', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(() => checkJsonContainers(bytes('{"a":"[[[[[[\\"[[[[","b":[[]]}'), 3)).not.toThrow();
    expect(() => checkJsonContainers(bytes('{"b":[[[]]]}'), 3)).toThrow(RequestBodyError);
  });
});
