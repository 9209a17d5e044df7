/**
 * The one error vocabulary of the use cases. Routers and the CLI map these to status codes and exit codes in
 * one place each; anything else is an unexpected failure whose cause is logged, never shown.
 */
export class ServiceError extends Error {
  constructor(
    readonly kind: 'not_found' | 'conflict' | 'validation' | 'forbidden' | 'precondition',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export class NotFoundError extends ServiceError {
  constructor(message: string) {
    super('not_found', message);
  }
}
export class ConflictError extends ServiceError {
  constructor(message: string, details?: unknown) {
    super('conflict', message, details);
  }
}
export class ValidationError extends ServiceError {
  constructor(message: string, details?: unknown) {
    super('validation', message, details);
  }
}
export class ForbiddenError extends ServiceError {
  constructor(message: string) {
    super('forbidden', message);
  }
}
export class PreconditionError extends ServiceError {
  constructor(message: string, details?: unknown) {
    super('precondition', message, details);
  }
}

import type { z } from 'zod';

/** Parses input with a zod schema; a failure is a ValidationError naming the first offending path. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new ValidationError(`${what}${where}: ${issue?.message ?? 'invalid'}`, r.error.issues.slice(0, 20));
}
