import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Db } from '../../db/client';
import { createUser, listUsers, resetUserPassword, setUserDisabled, setUserRole, type Actor } from '../services/users';
import { ROLES } from '../services/users-roles';
import { EXIT, UsageError, expectedFailureExit, type CliIo } from './io';

const USAGE = `usage: ledgerlink users create --username U --role ${ROLES.join('|')} [--display-name N]
       ledgerlink users list [--json]
       ledgerlink users set-role U ROLE
       ledgerlink users disable U | enable U
       ledgerlink users reset-password U
The password (create, reset-password) is LEDGERLINK_PASSWORD, or else the first line of stdin.`;

/** The first line of stdin (a pipe, a file, or typed at a terminal and ended with Enter). */
export async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    const end = text.indexOf('\n');
    if (end >= 0) return text.slice(0, end).replace(/\r$/, '');
  }
  return text;
}

export interface UsersCommandDeps {
  openDb: () => Db;
  readPassword?: () => Promise<string>;
  env?: Record<string, string | undefined>;
}

/**
 * `ledgerlink users …` for scripted setups. Changes are audited under the operating-system user who ran the
 * command, marked as coming from the CLI.
 */
export async function usersCommand(argv: string[], io: CliIo, deps: UsersCommandDeps): Promise<number> {
  let db: Db | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { username: { type: 'string' }, role: { type: 'string' }, 'display-name': { type: 'string' }, json: { type: 'boolean' } },
    });
    const [sub, ...rest] = positionals;
    const env = deps.env ?? process.env;
    const password = async () => {
      const given = env.LEDGERLINK_PASSWORD ?? (await (deps.readPassword ?? firstLineOfStdin)());
      if (!given) throw new UsageError('no password: set LEDGERLINK_PASSWORD or pipe it as the first line of stdin');
      return given;
    };
    const actor: Actor = { userId: null, username: `cli:${os.userInfo().username}`, role: null };
    switch (sub) {
      case 'create': {
        if (rest.length || !values.username || !values.role) throw new UsageError(USAGE);
        const pw = await password();
        db = deps.openDb();
        const u = await createUser(db, { username: values.username, role: values.role, displayName: values['display-name'], password: pw }, actor);
        io.err(`created user ${u.username} (${u.role})\n`);
        return EXIT.ok;
      }
      case 'list': {
        if (rest.length) throw new UsageError(USAGE);
        db = deps.openDb();
        const list = listUsers(db).map(({ username, displayName, role, disabled, createdAt }) => ({ username, displayName, role, disabled, createdAt }));
        if (values.json) io.out(JSON.stringify(list, null, 2) + '\n');
        else for (const u of list) io.out(`${u.username}\t${u.role}\t${u.disabled ? 'disabled' : 'active'}\t${u.displayName}\n`);
        return EXIT.ok;
      }
      case 'set-role': {
        if (rest.length !== 2) throw new UsageError(USAGE);
        db = deps.openDb();
        const u = setUserRole(db, rest[0], rest[1], actor);
        io.err(`${u.username} is now ${u.role}\n`);
        return EXIT.ok;
      }
      case 'disable':
      case 'enable': {
        if (rest.length !== 1) throw new UsageError(USAGE);
        db = deps.openDb();
        const u = setUserDisabled(db, rest[0], sub === 'disable', actor);
        io.err(`${u.username} is ${u.disabled ? 'disabled; their sessions have ended' : 'enabled'}\n`);
        return EXIT.ok;
      }
      case 'reset-password': {
        if (rest.length !== 1) throw new UsageError(USAGE);
        const pw = await password();
        db = deps.openDb();
        const u = await resetUserPassword(db, rest[0], pw, actor);
        io.err(`set a new password for ${u.username}; their sessions have ended\n`);
        return EXIT.ok;
      }
      default:
        throw new UsageError(USAGE);
    }
  } catch (e) {
    return expectedFailureExit(e, io);
  } finally {
    db?.$client.close();
  }
}
