import type { PreviewResult } from '../../../../../_trpc/types';

/**
 * Whether the voucher balances, as the engine decided it — never worked out again here. The engine checks
 * Σdebit = Σcredit on the exact amounts and refuses the draft when they differ; the UI repeats its verdict and its
 * figures. A draft the engine refused for any other reason was never declared balanced (the engine stops checking
 * once a line is missing values), so it is shown as refused, whatever its totals happen to add up to.
 */
export type VoucherVerdict =
  /** The engine produced the voucher: its totals (exact decimal text) are what the ledger receives. */
  | { kind: 'balanced'; debit: string; credit: string }
  /** The engine refused it as unbalanced: its own figures (debit − credit as it computed them), when it gave them. */
  | { kind: 'unbalanced'; figures: { debit: string; credit: string; difference: string } | null }
  /** The engine refused it for other reasons: the totals are those of a draft that cannot be posted. */
  | { kind: 'refused'; problems: number }
  /** Nothing was assembled (bad data, mapping problems, a skipped form). */
  | { kind: 'none' };

type Verdictable = Pick<PreviewResult, 'kind' | 'errors' | 'totals'>;

export function voucherVerdict(result: Verdictable): VoucherVerdict {
  const unbalanced = result.errors.find((e) => e.code === 'unbalanced');
  if (unbalanced) {
    const { debit, credit, difference } = unbalanced.params;
    // Without the engine's figures the verdict still stands; the draft's own totals are not put in their place.
    return { kind: 'unbalanced', figures: debit && credit && difference ? { debit, credit, difference } : null };
  }
  if (result.kind === 'ok' && result.errors.length === 0 && result.totals) return { kind: 'balanced', debit: result.totals.debit, credit: result.totals.credit };
  if (result.kind === 'error' || result.errors.length > 0) return { kind: 'refused', problems: result.errors.length };
  return { kind: 'none' };
}
