import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Consecutive failed sign-ins per subject: `account:<username>` (whether or not that account exists, so a lock
 * tells nothing about existence) and `address:<client address>`. A success clears the row; five failures in a
 * row set `lockedUntil`.
 */
export const loginAttempts = sqliteTable('login_attempts', {
  subject: text('subject').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: text('last_failure_at').notNull(),
  lockedUntil: text('locked_until'),
});
