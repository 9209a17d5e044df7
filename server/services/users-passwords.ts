import { hash, verify } from '@node-rs/argon2';
import { ValidationError } from './errors';

/**
 * Password hashing with argon2id (the library's default algorithm) at its default cost: 19 MiB, 2 passes, one
 * lane — the OWASP minimum for argon2id — which takes tens of milliseconds here.
 */
export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for any passphrase; short enough that nobody makes the server hash megabytes. */
export const PASSWORD_MAX_LENGTH = 256;

export function checkPasswordRules(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH)
    throw new ValidationError(`the password must have at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH)
    throw new ValidationError(`the password must have at most ${PASSWORD_MAX_LENGTH} characters`);
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | null = null;

/**
 * Checks a password against a stored hash. With no hash (unknown account) it still runs a full verification
 * against a throwaway hash, so the answer takes as long whether or not the account exists.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  // An over-long input is refused without hashing, but only after the same work, so length tells nothing either.
  const candidate = password.length > PASSWORD_MAX_LENGTH ? '' : password;
  if (!storedHash) {
    dummyHash ??= hash('no-such-account-timing-equaliser');
    await verify(await dummyHash, candidate).catch(() => false);
    return false;
  }
  const ok = await verify(storedHash, candidate).catch(() => false);
  return ok && candidate === password;
}
