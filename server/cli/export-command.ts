import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Db } from '../../db/client';
import { EXPORT_FORMATS, exportVouchers, type ExportFormat } from '../services/voucher-export';
import { EXIT, UsageError, expectedFailureExit, type CliIo } from './io';

export const VOUCHERS_USAGE =
  '  ledgerlink vouchers export --from YYYY-MM-DD --to YYYY-MM-DD --format csv|xlsx|kingdee|u8 [--mapping M] [--out FILE]';

const USAGE = `usage:\n${VOUCHERS_USAGE}
  The period is on the voucher date (China time). Without --out the file goes to stdout (XLSX needs --out).`;

export interface ExportCommandDeps {
  openDb: () => Db;
}

/**
 * `ledgerlink vouchers export`: a period's vouchers as a file for teams that import by file. stdout carries only
 * the file; what was exported and skipped goes to stderr. The export is audited under the operating-system user.
 */
export async function exportCommand(argv: string[], io: CliIo, deps: ExportCommandDeps): Promise<number> {
  let db: Db | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string' },
        mapping: { type: 'string' },
        out: { type: 'string' },
      },
    });
    if (positionals.length !== 1 || positionals[0] !== 'export') throw new UsageError(USAGE);
    const missing = (['from', 'to', 'format'] as const).filter((k) => !values[k]);
    if (missing.length) throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(', ')}\n${USAGE}`);
    const format = values.format!;
    if (!EXPORT_FORMATS.some((f) => f === format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${format}"`);
    // A workbook is binary: written to a terminal or piped through a text tool it would arrive broken.
    if (format === 'xlsx' && !values.out) throw new UsageError('--format xlsx writes a binary workbook: give --out FILE.xlsx');

    db = deps.openDb();
    const actor = { username: `cli:${os.userInfo().username}`, role: null };
    const file = await exportVouchers(db, { from: values.from!, to: values.to!, format: format as ExportFormat, mapping: values.mapping }, actor);
    if (values.out) {
      try {
        fs.writeFileSync(values.out, file.body);
      } catch (e) {
        io.err(`ledgerlink: cannot write ${values.out}: ${(e as Error).message}\n`);
        return EXIT.failed;
      }
    } else {
      io.out(file.body as string);
    }
    const where = values.out ? ` to ${values.out}` : '';
    io.err(`exported ${file.count} voucher(s), ${file.lines} line(s), dated ${values.from}..${values.to}${where}\n`);
    if (file.skipped.count > 0) {
      const formats = Object.entries(file.skipped.byFormat).map(([f, n]) => `${f}: ${n}`).join(', ');
      io.err(`skipped ${file.skipped.count} voucher(s) written for another ledger format (${formats})\n`);
    }
    return EXIT.ok;
  } catch (e) {
    return expectedFailureExit(e, io);
  } finally {
    db?.$client.close();
  }
}
