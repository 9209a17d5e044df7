/**
 * Formats a decimal string for a voucher ("2496.00" → "2,496.00") by moving characters only: amounts never pass
 * through a JS number, so 0.1 + 0.2 and 17-digit sums stay exact.
 */
export function formatAmount(decimal: string | null | undefined): string {
  if (decimal === null || decimal === undefined || decimal === '') return '';
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(decimal.trim());
  if (!m) return decimal; // not a plain decimal: show it as sent rather than guess
  const [, sign, whole, fraction = ''] = m;
  return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + fraction;
}
