import type { MappingSpec } from '#server/engine/spec';

type Chart = NonNullable<MappingSpec['target']['chartOfAccounts']>;

/**
 * The chart of accounts a mapping most likely means, so switching the check on is one gesture: the table holding a
 * "postable" column (else one named after accounts), its account-code column and that postable column. Whatever
 * the names do not tell is left for the analyst to pick.
 */
export function guessChart(tables: ReadonlyArray<{ name: string; columns: readonly string[] }>, table?: string): Partial<Chart> {
  const postable = (cols: readonly string[]) => cols.find((c) => /postable|可记账|末级|leaf/i.test(c));
  const picked = table ? tables.find((t) => t.name === table) : tables.find((t) => postable(t.columns)) ?? tables.find((t) => /account|科目/i.test(t.name));
  if (!picked) return table ? { table } : {};
  const code =
    picked.columns.find((c) => /account/i.test(c) && /code|编码|number/i.test(c)) ??
    picked.columns.find((c) => /科目编码|^code$/i.test(c)) ??
    picked.columns.find((c) => /code|编码/i.test(c));
  return { table: picked.name, codeColumn: code, postableColumn: postable(picked.columns) };
}
