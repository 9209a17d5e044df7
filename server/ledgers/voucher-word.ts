/**
 * Kingdee K/3 Cloud's preset voucher groups (凭证字) by their numbers (FVOUCHERGROUPID): the number is what the
 * Web API takes, the word is what an accountant reads on the voucher.
 */
const KINGDEE_VOUCHER_GROUPS: Readonly<Record<string, string>> = { PRE001: '记', PRE002: '收', PRE003: '付', PRE004: '转' };

/**
 * The voucher word as a finance reader reads it: Kingdee's group number with its word in front ("记 (PRE001)"), a
 * number Ledgerlink does not know as it is; U8's voucher type is already the word ("记"). Null when there is none.
 */
export function voucherWordText(format: string, word: string | null | undefined): string | null {
  const code = word?.trim();
  if (!code) return null;
  if (format !== 'kingdee-gl-voucher') return code;
  const label = KINGDEE_VOUCHER_GROUPS[code.toUpperCase()];
  return label ? `${label} (${code})` : code;
}
