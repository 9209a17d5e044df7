import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The small HTTP server under each finance simulator (Kingdee, U8, webhook): reads the request, lets the
 * simulator answer it, and plays the failures a real finance system shows — an error status (optionally with
 * Retry-After), a reply that never comes, or the worst one: the voucher is booked and the connection drops before
 * the answer, so the sender cannot know it was booked.
 */

export type FinanceFault =
  /** Answer with this status without processing the request (nothing is booked). */
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  /** Never answer: the sender runs into its timeout (nothing is booked). */
  | { kind: 'hang' }
  /** Process (book) the request, then destroy the connection instead of answering. */
  | { kind: 'commit-then-drop' };

export interface SimRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface SimReply {
  status: number;
  headers?: Record<string, string | string[]>;
  body: string;
}

export interface SimServerOptions {
  /** 0 (default) = an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface SimServer {
  url: string;
  close(): Promise<void>;
  /** The next `count` requests the fault applies to get `fault` instead of a normal answer. */
  failNext(count: number, fault: FinanceFault): void;
}

const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

export async function startSimServer(
  options: SimServerOptions,
  /** Processes a request; `fault` is set (commit-then-drop) when its answer will be dropped. */
  handle: (req: SimRequest, fault?: FinanceFault) => SimReply,
  /** Which requests scripted faults apply to (Kingdee: Save only, so login and queries keep working). */
  faultApplies: (req: SimRequest) => boolean = () => true,
  /** Sees every request with the fault it drew (if any), before it is answered or dropped. */
  observe: (req: SimRequest, fault: FinanceFault | undefined) => void = () => undefined,
): Promise<SimServer> {
  const faults: FinanceFault[] = [];
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) {
        res.writeHead(413).end();
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      const simReq: SimRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const fault = faults.length > 0 && faultApplies(simReq) ? faults.shift()! : undefined;
      observe(simReq, fault);
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'status') {
        res.writeHead(fault.status, {
          'content-type': 'text/plain; charset=utf-8',
          ...(fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}),
        });
        res.end(fault.body ?? `simulated HTTP ${fault.status}`);
        return;
      }
      let reply: SimReply;
      try {
        reply = handle(simReq, fault);
      } catch (err) {
        reply = { status: 500, body: `simulator error: ${(err as Error).message}` };
      }
      if (fault?.kind === 'commit-then-drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}`,
    failNext(count, fault) {
      for (let i = 0; i < count; i++) faults.push(fault);
    },
    close() {
      // A hanging request keeps its socket open; without destroying it close() would wait for the client.
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
