/**
 * The API reads a request body itself, before tRPC sees it, so the limits hold on the bytes that actually arrive:
 * a chunked body has no Content-Length to check, and tRPC's own `req.json()` would read any amount into memory.
 */

/** Larger than any legitimate request (a 5 MB OA payload, a 20 MB lookup-table CSV, an 8 MB draft spec). */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;

/**
 * Objects and arrays one request may hold. JSON that is all brackets costs far more memory parsed than sent (a
 * 25 MB body of `[]` is 12 million arrays, about a gigabyte); the largest legitimate request, a 100,000-row
 * lookup table, holds about 100,000.
 */
export const MAX_BODY_CONTAINERS = 500_000;

/** A body refused for its size: answered 413 before tRPC parses anything. */
export class RequestBodyError extends Error {
  readonly status = 413;
  readonly code = 'PAYLOAD_TOO_LARGE';
  constructor(message: string) {
    super(message);
    this.name = 'RequestBodyError';
  }
}

function tooLarge(detail: string, maxBytes: number): RequestBodyError {
  return new RequestBodyError(`the request body ${detail}; at most ${maxBytes} bytes are accepted`);
}

/**
 * Reads the body chunk by chunk and stops as soon as it passes `maxBytes`: what was read is dropped and the
 * rest is never asked for. The stream is not cancelled: in Node that destroys the socket before the 413 is written.
 */
export async function readBodyWithin(req: Request, maxBytes = MAX_BODY_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(`is ${declared} bytes`, maxBytes);
  if (!req.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        chunks.length = 0;
        throw tooLarge(`passed ${maxBytes} bytes before it ended`, maxBytes);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

/**
 * Counts the objects and arrays of a JSON text without parsing it (brackets inside strings skipped), so a body
 * that would swell in memory is refused before JSON.parse builds it.
 */
export function checkJsonContainers(body: Uint8Array, maxContainers = MAX_BODY_CONTAINERS): void {
  let containers = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if ((b === OPEN_BRACE || b === OPEN_BRACKET) && ++containers > maxContainers)
      throw new RequestBodyError(
        `the request body holds more than ${maxContainers.toLocaleString('en')} objects and lists; split it into smaller requests`,
      );
  }
}

/**
 * The request as tRPC should see it: a body read within the limits and checked, or a RequestBodyError. The
 * copy's body is the bytes already in memory, so nothing downstream reads from the connection again.
 */
export async function readCheckedRequest(req: Request): Promise<Request> {
  if (!req.body) return req;
  const body = await readBodyWithin(req);
  checkJsonContainers(body);
  const headers = new Headers(req.headers);
  headers.delete('transfer-encoding');
  headers.set('content-length', String(body.byteLength));
  return new Request(req.url, { method: req.method, headers, body, signal: req.signal });
}

export function bodyErrorResponse(error: RequestBodyError): Response {
  // No `Connection: close`: closing while the client is still sending makes many clients see a reset instead of
  // this answer. The unread rest stays unread (the connection is paused by backpressure) until the client stops.
  return Response.json({ error: { message: error.message, code: error.code } }, { status: error.status });
}
