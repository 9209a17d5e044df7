import { and, desc, eq, gte, like, lt, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema';
import { csvField } from '../ledgers/csv';
import { parseInput, ValidationError } from './errors';
import { AuditListInput } from '../api/version-inputs';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string | null;
  role: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
  diff: unknown;
  clientAddress: string | null;
  hash: string;
}

const instant = (text: string, what: string) => {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new ValidationError(`${what} "${text}" is not an ISO date and time`);
  return new Date(ms).toISOString();
};

/** The audit trail, newest first, filtered by who, what, which object and when. */
export function listAudit(db: Db, input: AuditListInput): AuditEntry[] {
  const q = parseInput(AuditListInput, input, 'audit filter');
  const where: SQL[] = [];
  if (q.actor) where.push(eq(auditLog.actor, q.actor));
  // `version.` means every version action; LIKE's own wildcards in the text are escaped.
  if (q.action) where.push(q.action.endsWith('.') ? like(auditLog.action, `${q.action.replace(/[%_\\]/g, '\\$&')}%`) : eq(auditLog.action, q.action));
  if (q.objectType) where.push(eq(auditLog.objectType, q.objectType));
  if (q.objectId) where.push(eq(auditLog.objectId, q.objectId));
  if (q.from) where.push(gte(auditLog.at, instant(q.from, 'from')));
  if (q.to) where.push(lte(auditLog.at, instant(q.to, 'to')));
  if (q.before) where.push(lt(auditLog.id, q.before));
  const parse = (t: string | null) => (t === null ? null : JSON.parse(t));
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(q.limit)
    .all()
    .map((r) => ({
      id: r.id, at: r.at, actor: r.actor, role: r.role, action: r.action, objectType: r.objectType, objectId: r.objectId,
      before: parse(r.beforeJson), after: parse(r.afterJson), diff: parse(r.diffJson), clientAddress: r.clientAddress, hash: r.hash,
    }));
}

const COLUMNS = ['id', 'at', 'actor', 'role', 'action', 'objectType', 'objectId', 'clientAddress', 'before', 'after', 'diff', 'hash'] as const;

/** The filtered entries as CSV for a spreadsheet (formula-like cells neutralised, as every export here). */
export function exportAuditCsv(db: Db, input: AuditListInput): string {
  const rows = listAudit(db, { ...input, limit: input.limit ?? 1000 });
  const cell = (v: unknown) => csvField(v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
