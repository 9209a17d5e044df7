import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionError, ValidationError } from '../services/errors';
import { GENERIC_ERROR_MESSAGE, logUnforeseen, toTRPCError } from './errors';
import { createCallerFactory, procedure, router } from './init';
import { callerAs, useTempDatabase } from './test-support';

// This file's own procedures get entries beside the real table; every other path keeps the real policy.
vi.mock('./policy', async (importOriginal) => {
  const real = await importOriginal<typeof import('./policy')>();
  const everyone = ['viewer', 'analyst', 'integrator', 'admin'] as const;
  const extra: Record<string, readonly string[]> = {
    forAdmins: ['admin'],
    forEditors: ['analyst', 'admin'],
    failsUnexpectedly: everyone,
    missing: everyone,
    unsendable: everyone,
  };
  return { ...real, rolesForProcedure: (path: string) => extra[path] ?? real.rolesForProcedure(path) };
});

const env = useTempDatabase();
afterAll(env.cleanup);

const guarded = router({
  forAdmins: procedure.query(() => 'approved'),
  forEditors: procedure.query(() => 'edited'),
  notInThePolicy: procedure.query(() => 'never'),
  failsUnexpectedly: procedure.query((): string => {
    throw new Error('SQLITE_CORRUPT at /secret/path/ledgerlink.db');
  }),
  missing: procedure.query((): string => {
    throw new NotFoundError('mapping "x" does not exist');
  }),
  // A result superjson will not serialise: the failure happens after the procedure, where no middleware runs.
  unsendable: procedure.query(() => JSON.parse('{"layout":{"constructor":1}}') as Record<string, unknown>),
});
const callGuarded = createCallerFactory(guarded);

describe('policy-checked procedures', () => {
  it('refuses a caller without a session with UNAUTHORIZED, before any role check', async () => {
    await expect(callGuarded({ ...env.context('admin'), user: null }).forAdmins()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('lets in exactly the roles the table names for the path', async () => {
    for (const role of ['viewer', 'analyst', 'integrator'] as const)
      await expect(callGuarded(env.context(role)).forAdmins()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callGuarded(env.context('admin')).forAdmins()).resolves.toBe('approved');
    await expect(callGuarded(env.context('integrator')).forEditors()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callGuarded(env.context('analyst')).forEditors()).resolves.toBe('edited');
  });

  it('refuses a path the table does not know, for every role (closed by default)', async () => {
    await expect(callGuarded(env.context('admin')).notInThePolicy()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('no entry in the access policy'),
    });
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
