import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionError, ValidationError } from '../services/errors';
import { GENERIC_ERROR_MESSAGE, logUnforeseen, toTRPCError } from './errors';
import { adminProcedure, analystProcedure, createCallerFactory, router, viewerProcedure } from './init';
import { callerAs, useTempDatabase } from './test-support';

const env = useTempDatabase();
afterAll(env.cleanup);

// A router of its own: the app has no admin-only procedure yet, but the guard must already hold.
const guarded = router({
  forAdmins: adminProcedure.query(() => 'approved'),
  forAnalysts: analystProcedure.query(() => 'previewed'),
  forViewers: viewerProcedure.query(() => 'read'),
  failsUnexpectedly: viewerProcedure.query((): string => {
    throw new Error('SQLITE_CORRUPT at /secret/path/ledgerlink.db');
  }),
  missing: viewerProcedure.query((): string => {
    throw new NotFoundError('mapping "x" does not exist');
  }),
  // A result superjson will not serialise: the failure happens after the procedure, where no middleware runs.
  unsendable: viewerProcedure.query(() => JSON.parse('{"layout":{"constructor":1}}') as Record<string, unknown>),
});
const callGuarded = createCallerFactory(guarded);

describe('role-checked procedures', () => {
  it('refuses a non-admin context for an admin procedure, on the server', async () => {
    for (const role of ['viewer', 'analyst'] as const)
      await expect(callGuarded(env.context(role)).forAdmins()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callGuarded(env.context('admin')).forAdmins()).resolves.toBe('approved');
  });

  it('lets each role do what the roles below it may', async () => {
    await expect(callGuarded(env.context('viewer')).forAnalysts()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callGuarded(env.context('analyst')).forAnalysts()).resolves.toBe('previewed');
    await expect(callGuarded(env.context('viewer')).forViewers()).resolves.toBe('read');
  });

  it('guards the real preview: a viewer may list mappings but not run one', async () => {
    const viewer = callerAs(env.context('viewer'));
    expect((await viewer.mappings.list()).length).toBeGreaterThan(0);
    await expect(viewer.preview.run({ mappingName: 'travel-reimbursement.dingtalk-kingdee' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('error adapter', () => {
  it('maps every service error kind to its tRPC code', () => {
    expect(toTRPCError(new NotFoundError('x')).code).toBe('NOT_FOUND');
    expect(toTRPCError(new ConflictError('x')).code).toBe('CONFLICT');
    expect(toTRPCError(new ValidationError('x')).code).toBe('BAD_REQUEST');
    expect(toTRPCError(new ForbiddenError('x')).code).toBe('FORBIDDEN');
    expect(toTRPCError(new PreconditionError('x')).code).toBe('PRECONDITION_FAILED');
    const wrapped = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new ConflictError('stale revision') });
    expect(toTRPCError(wrapped)).toMatchObject({ code: 'CONFLICT', message: 'stale revision' });
  });

  it('keeps a service error message through a procedure', async () => {
    await expect(callGuarded(env.context()).missing()).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'mapping "x" does not exist' });
  });

  it('turns an unknown error into a generic 500 over HTTP, logging the cause but never sending it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await fetchRequestHandler({
      endpoint: '/api/trpc',
      req: new Request('http://local/api/trpc/failsUnexpectedly'),
      router: guarded,
      createContext: () => env.context(),
    });
    const body = await res.text();
    expect(res.status).toBe(500);
    expect(body).toContain(GENERIC_ERROR_MESSAGE);
    expect(body).not.toContain('SQLITE_CORRUPT');
    expect(body).not.toContain('/secret/path');
    expect(log.mock.calls.flat().some((x) => String(x).includes('SQLITE_CORRUPT'))).toBe(true);
    log.mockRestore();
  });

  it('logs a failure outside the procedures (sending the result) instead of a 500 with an empty log', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await fetchRequestHandler({
        endpoint: '/api/trpc',
        req: new Request('http://local/api/trpc/unsendable'),
        router: guarded,
        createContext: () => env.context(),
        onError: logUnforeseen,
      });
      expect(res.status).toBe(500);
      expect(await res.text()).toContain(GENERIC_ERROR_MESSAGE);
      expect(log).toHaveBeenCalledWith('[api] /api/trpc/unsendable failed:', expect.objectContaining({ message: expect.stringMatching(/constructor/) }));
    } finally {
      log.mockRestore();
    }
  });
});
