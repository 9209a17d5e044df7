import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * Server-side sign-in sessions. The cookie carries a random token; only its SHA-256 is stored here, so a copy of
 * the database does not hand out live sessions. A session ends at the first of: logout, `idleExpiresAt` (pushed
 * forward while the user is active), `absoluteExpiresAt` (fixed at sign-in), or the account being disabled.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 (hex) of the cookie's token */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    idleExpiresAt: text('idle_expires_at').notNull(),
    absoluteExpiresAt: text('absolute_expires_at').notNull(),
    clientAddress: text('client_address'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);
