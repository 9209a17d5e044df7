import { parseArgs } from 'node:util';
import { databasePath, openDatabase, projectRoot, type Db } from '../../db/client';
import { getConnector } from '../connectors';
import { OA_SYSTEMS, type OaSystem } from '../engine/form-record';
import { ServiceError } from '../services/errors';
import { exportMapping, importMapping, listMappings, parseSpecText } from '../services/mappings';
import { seedDemo } from '../services/seed';
import { exportTableCsv, importTableCsv, listTables } from '../services/tables';
import { EXIT, UsageError, processIo, type CliIo } from './io';
import { readFileText, readJsonFile } from './files';
import { mapCommand } from './map-command';
import { LIVE_USAGE, liveCommand } from './live-commands';
import { SIMULATE_USAGE, simulateCommand } from './simulate-command';
import { exportCommand, VOUCHERS_USAGE } from './export-command';
import { usersCommand } from './users-command';
import { auditVerify, runActive, versionsList } from './versions-commands';

const CONNECTOR_CHOICES = OA_SYSTEMS.join('|');

const USAGE = `ledgerlink — run Ledgerlink mappings from the command line

  ledgerlink normalize --connector ${CONNECTOR_CHOICES} [--config FILE] FILE
  ledgerlink map --mapping NAME_OR_SPEC_FILE FILE
  ledgerlink mappings list | export NAME | import FILE
  ledgerlink mappings run-active NAME FILE [--at INSTANT]   run the version in force for that instance
  ledgerlink versions list NAME [--json]
  ledgerlink audit verify
  ledgerlink tables list | import NAME FILE.csv | export NAME
  ledgerlink users create --username U --role ROLE [--display-name N] | list [--json] | set-role U ROLE | disable U
${LIVE_USAGE}
${SIMULATE_USAGE}
${VOUCHERS_USAGE}

The database is LEDGERLINK_DB (default ./data/ledgerlink.db); it is created, migrated and seeded with the
demo company on first use. Exit codes of map: 0 voucher written to stdout, 1 payload or mapping checks failed
(stderr ends with a JSON list of {field,row,value,message}), 2 bad arguments or unreadable/non-JSON file,
3 the instance's status is not posted (e.g. still running or rejected).
`;

function openAndSeed(io: CliIo): Db {
  const db = openDatabase(databasePath());
  seedDemo(db, projectRoot(), (m) => io.err(`ledgerlink: ${m}\n`));
  return db;
}

export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  let db: Db | undefined;
  try {
    // `users` parses its own options (--username, --role, --display-name); see users-command.ts.
    if (argv[0] === 'users') return await usersCommand(argv.slice(1), io, { openDb: () => openAndSeed(io) });
    if (argv[0] === 'simulate') return await simulateCommand(argv.slice(1), io, { openDb: () => openAndSeed(io) });
    if (argv[0] === 'connectors' || argv[0] === 'targets' || argv[0] === 'runs')
      return await liveCommand(argv[0], argv.slice(1), io, { openDb: () => openAndSeed(io) });
    if (argv[0] === 'vouchers') return await exportCommand(argv.slice(1), io, { openDb: () => openAndSeed(io) });
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        connector: { type: 'string' },
        mapping: { type: 'string' },
        config: { type: 'string' },
        json: { type: 'boolean' },
        at: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      io.err(USAGE);
      return values.help ? EXIT.ok : EXIT.usage;
    }
    const need = (n: number, usage: string) => {
      if (rest.length !== n) throw new UsageError(`usage: ledgerlink ${usage}`);
    };
    switch (command) {
      case 'normalize': {
        need(1, `normalize --connector ${CONNECTOR_CHOICES} FILE`);
        const id = values.connector ?? '';
        // A list lookup, not `in`: `--connector toString` must be a usage error, not a connector lookup that fails.
        if (!OA_SYSTEMS.some((s) => s === id)) throw new UsageError(`--connector must be one of ${OA_SYSTEMS.join(', ')}`);
        const payload = readJsonFile(rest[0], 'payload').value;
        const config = values.config ? readJsonFile(values.config, 'config').value : undefined;
        const result = getConnector(id as OaSystem).normalize(payload, { config });
        if (!result.ok) {
          io.err(`${rest[0]} is not a ${id} payload: ${result.error.message}\n`);
          io.err(JSON.stringify([{ field: result.error.path, row: null, value: null, message: result.error.message }]) + '\n');
          return EXIT.failed;
        }
        for (const w of result.record.warnings) io.err(`warning: ${w}\n`);
        io.out(JSON.stringify(result.record, null, 2) + '\n');
        return EXIT.ok;
      }
      case 'map': {
        need(1, 'map --mapping NAME_OR_SPEC_FILE FILE');
        if (!values.mapping) throw new UsageError('usage: ledgerlink map --mapping NAME_OR_SPEC_FILE FILE');
        db = openAndSeed(io);
        return await mapCommand(db, io, values.mapping, rest[0]);
      }
      case 'mappings': {
        const [sub, ...args] = rest;
        db = openAndSeed(io);
        if (sub === 'list' && args.length === 0) {
          for (const m of listMappings(db))
            io.out(`${m.name}\t${m.sourceConnector}\t${m.targetFormat}\trevision ${m.revision}\t${m.label?.zh ?? ''}\n`);
          return EXIT.ok;
        }
        if (sub === 'export' && args.length === 1) {
          io.out(exportMapping(db, args[0]));
          return EXIT.ok;
        }
        if (sub === 'run-active' && args.length === 2) return await runActive(db, io, args[0], args[1], values.at);
        if (sub === 'import' && args.length === 1) {
          const spec = parseSpecText(readJsonFile(args[0], 'mapping spec').text, args[0]);
          const r = importMapping(db, spec);
          io.err(`${r.created ? 'created' : 'updated'} mapping ${r.name} (revision ${r.revision})\n`);
          return EXIT.ok;
        }
        throw new UsageError('usage: ledgerlink mappings list | export NAME | import FILE | run-active NAME FILE [--at INSTANT]');
      }
      case 'tables': {
        const [sub, ...args] = rest;
        db = openAndSeed(io);
        if (sub === 'list' && args.length === 0) {
          for (const t of listTables(db)) io.out(`${t.name}\t${t.rowCount} rows\t${t.columns.join(',')}\n`);
          return EXIT.ok;
        }
        if (sub === 'export' && args.length === 1) {
          io.out(exportTableCsv(db, args[0]));
          return EXIT.ok;
        }
        if (sub === 'import' && args.length === 2) {
          const r = importTableCsv(db, args[0], readFileText(args[1], 'CSV file'));
          io.err(`${r.created ? 'created' : 'replaced'} lookup table ${r.name} with ${r.rows} rows\n`);
          return EXIT.ok;
        }
        throw new UsageError('usage: ledgerlink tables list | import NAME FILE.csv | export NAME');
      }
      case 'versions': {
        const [sub, ...args] = rest;
        if (sub !== 'list' || args.length !== 1) throw new UsageError('usage: ledgerlink versions list MAPPING [--json]');
        db = openAndSeed(io);
        return versionsList(db, io, args[0], values.json ?? false);
      }
      case 'audit': {
        if (rest[0] !== 'verify' || rest.length !== 1) throw new UsageError('usage: ledgerlink audit verify');
        db = openAndSeed(io);
        return auditVerify(db, io);
      }
      default:
        throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`ledgerlink: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof ServiceError) {
      io.err(`ledgerlink: ${e.message}\n`);
      return e.kind === 'validation' || e.kind === 'not_found' ? EXIT.usage : EXIT.failed;
    }
    if ((e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`ledgerlink: ${(e as Error).message}\n`);
      return EXIT.usage;
    }
    io.err(`ledgerlink: unexpected failure: ${(e as Error).message}\n`);
    return 70;
  } finally {
    db?.$client.close();
  }
}

if (require.main === module || process.env.LEDGERLINK_CLI_MAIN === '1') {
  run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
