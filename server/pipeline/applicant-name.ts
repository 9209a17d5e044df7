import type { FormRecord, LookupTableData, MappingSpec } from '../engine';

/** A column that holds a person's name: `name`, `employee_name`, `姓名`… */
const NAME_COLUMN = /(^|_)name$|姓名|名字/i;

/**
 * The applicant's name as a finance reader knows them. The OA's own name when the payload carries one (Feishu and
 * WeCom send only a user id, DingTalk's v1.0 instance too); else the name the mapping itself looks the person up
 * by — a lookup of its tables whose row for the applicant's user id has a name column (employees.csv `name` keyed
 * by `dingtalk_user_id`). Null when neither knows the person: the reader then sees the id, said to be one.
 */
export function applicantName(record: FormRecord, spec: MappingSpec, tables: Record<string, LookupTableData | undefined>): string | null {
  const applicant = record.applicant;
  if (!applicant) return null;
  if (applicant.name?.trim()) return applicant.name.trim();
  const id = applicant.id?.trim();
  if (!id) return null;
  // The mapping's lookups that read a name column first: those are the ones that name people.
  const lookups = spec.nodes.flatMap((n) => (n.kind === 'lookup' ? [n] : []));
  const ordered = [...lookups.filter((n) => n.columns.some((c) => NAME_COLUMN.test(c))), ...lookups];
  for (const n of ordered) {
    const table = tables[n.table];
    if (!table) continue;
    const key = table.columns.indexOf(n.keyColumn);
    const name = table.columns.findIndex((c) => NAME_COLUMN.test(c));
    if (key < 0 || name < 0) continue;
    const row = table.rows.find((r) => r[key]?.trim() === id);
    if (row?.[name]?.trim()) return row[name].trim();
  }
  return null;
}

/** The lookup tables a mapping names people with (a lookup reading a name column): what a run page fetches. */
export function namingTables(spec: MappingSpec): string[] {
  return [...new Set(spec.nodes.flatMap((n) => (n.kind === 'lookup' && n.columns.some((c) => NAME_COLUMN.test(c)) ? [n.table] : [])))];
}
