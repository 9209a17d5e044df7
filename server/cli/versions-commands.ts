import type { Db } from '../../db/client';
import { getConnector } from '../connectors';
import { verifyAudit } from '../services/audit';
import { PreconditionError } from '../services/errors';
import { listVersions, mappingRow, parseBusinessInstant, versionInForce } from '../services/version-store';
import { EXIT, UsageError, type CliIo } from './io';
import { readJsonFile } from './files';
import { runSpecCommand } from './map-command';

/** `ledgerlink versions list MAPPING [--json]`: every version with its status now. */
export function versionsList(db: Db, io: CliIo, mapping: string, json: boolean): number {
  const versions = listVersions(db, mapping);
  if (json) {
    const rows = versions.map(({ version, status, author, approver, effectiveFrom, note }) => ({ version, status, author, approver, effectiveFrom, note }));
    io.out(JSON.stringify(rows, null, 2) + '\n');
    return EXIT.ok;
  }
  if (versions.length === 0) io.err(`mapping ${mapping} has no versions yet; submit its draft for review first\n`);
  for (const v of versions)
    io.out(`${v.version}\t${v.status}\t${v.author}\t${v.approver ?? '-'}\t${v.effectiveFrom ?? '-'}\t${v.note}\n`);
  return EXIT.ok;
}

/**
 * `ledgerlink mappings run-active MAPPING FILE [--at INSTANT]`: the live rule for one payload. The version is
 * the one in force when the instance was approved in the OA system (its finish time; now when the payload has
 * none, or the instant given with --at), then everything is exactly as `map` runs a draft.
 */
export async function runActive(db: Db, io: CliIo, mapping: string, file: string, at?: string): Promise<number> {
  const row = mappingRow(db, mapping);
  // A file that is not JSON fails here, before any version is picked, as `map` fails it.
  const { text: payload, value } = readJsonFile(file, 'payload');
  let instant = at !== undefined ? parseAt(at) : undefined;
  if (!instant) {
    const normalized = getConnector(row.sourceConnector as never).normalize(value, { templateCode: row.templateCode || undefined });
    const finishedAt = normalized.ok ? normalized.record.finishedAt : null;
    // A payload that does not normalise is run all the same (by the version in force now), so it fails with
    // exactly the message and exit code `map` gives it.
    instant = finishedAt ? new Date(finishedAt) : new Date();
  }
  const active = versionInForce(db, mapping, instant);
  if (!active)
    throw new PreconditionError(`no version of mapping ${mapping} was in force at ${instant.toISOString()}; an administrator must approve one first`);
  io.err(`mapping ${mapping} version ${active.version} (in force since ${active.effectiveFrom}) for an instance approved at ${instant.toISOString()}\n`);
  return runSpecCommand(db, io, active.spec, payload, file);
}

function parseAt(text: string): Date {
  try {
    return parseBusinessInstant(text, '--at');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** `ledgerlink audit verify`: 0 and the count when the chain holds, 1 naming the first entry that does not. */
export function auditVerify(db: Db, io: CliIo): number {
  const verdict = verifyAudit(db);
  if (verdict.ok) {
    io.out(`audit trail intact: ${verdict.checked} entries checked\n`);
    return EXIT.ok;
  }
  io.out(`audit trail broken at entry ${verdict.firstBad.id}: ${verdict.firstBad.reason} (${verdict.checked} entries checked)\n`);
  return EXIT.failed;
}
