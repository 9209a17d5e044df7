/**
 * Realistic travel-expense claims of the demo company, as full OA instances in the DingTalk, Feishu or WeCom
 * shape: for `ledgerlink simulate`, the tests, the reliability suite and the ingest benchmark. Deterministic: the
 * same options give the same bodies, byte for byte, on any machine (a seeded generator of our own, never
 * Math.random nor the clock).
 */
import { buildClaim, faultsFor, type FaultKind } from './claim-model';
import { demoCompany, type ClaimFormat, type DemoCompany } from './demo-company';
import { withFault } from './faults';
import { createPrng } from './prng';
import type { WrittenClaim } from './write-common';
import { writeDingtalk } from './write-dingtalk';
import { writeFeishu } from './write-feishu';
import { writeWecom } from './write-wecom';

export { CLAIM_FORMATS, type ClaimFormat } from './demo-company';
export { FAULT_KINDS, type FaultKind } from './claim-model';

export interface GenerateClaimsOptions {
  format: ClaimFormat;
  count: number;
  /** Share of faulty claims, 0–1: exactly round(count × share) of them, at seeded places. Default 0. */
  faultyShare?: number;
  seed: string | number;
  /**
   * Every claim is approved in the 30 days before this instant. Default 2025-06-30 12:00 China time, so that a
   * seed alone fixes the bodies; pass the current time for claims that look recent.
   */
  approvedBefore?: Date;
  /** The demo company to draw from (default: the shipped db/seed). */
  company?: DemoCompany;
}

export interface GeneratedClaim {
  /** The instance as the vendor's API returns it: the body a webhook sends, the answer a simulated API serves. */
  bodyText: string;
  instanceId: string;
  /** DingTalk businessId, Feishu serial_number, WeCom sp_no. */
  oaReference: string;
  /** The form's total as written (what a valid claim's payable line credits); null when the form has none. */
  total: string | null;
  valid: boolean;
  /** For a faulty claim: its kind and what is wrong, e.g. "total-mismatch: total 2396.00 ≠ rows 2496.00". */
  fault?: string;
  faultKind?: FaultKind;
}

export const DEFAULT_APPROVED_BEFORE = new Date('2025-06-30T12:00:00+08:00');

const WRITERS: Record<ClaimFormat, (claim: Parameters<typeof writeDingtalk>[0], company: DemoCompany) => WrittenClaim> = {
  dingtalk: writeDingtalk,
  feishu: writeFeishu,
  wecom: writeWecom,
};

export function generateClaims(options: GenerateClaimsOptions): GeneratedClaim[] {
  const { format, count, seed } = options;
  const share = options.faultyShare ?? 0;
  if (!WRITERS[format]) throw new Error(`claims can be generated as dingtalk, feishu or wecom instances, not "${String(format)}"`);
  if (!Number.isSafeInteger(count) || count < 0) throw new Error(`the number of claims must be a whole number ≥ 0, got ${count}`);
  if (!(share >= 0 && share <= 1)) throw new Error(`the faulty share must be between 0 and 1, got ${share}`);
  const company = options.company ?? demoCompany();
  const approvedBeforeMs = (options.approvedBefore ?? DEFAULT_APPROVED_BEFORE).getTime();
  if (!Number.isFinite(approvedBeforeMs)) throw new Error('approvedBefore is not a valid date');

  // Claim i draws from a stream of its own, so it is the same claim whatever the count or the faulty share:
  // re-sending a seed with other options re-sends the same instances.
  const runPrng = createPrng(`${format}:${seed}`);
  // A random start for the running numbers: two runs with different seeds rarely share an OA reference.
  const base = runPrng.int(1, 899_999);
  const faulty = new Set(createPrng(`${format}:${seed}:faulty`).sample(count, Math.round(count * share)));
  const kinds = faultsFor(format);
  const out: GeneratedClaim[] = [];
  for (let i = 0; i < count; i++) {
    const prng = createPrng(`${format}:${seed}:${i}`);
    const claim = buildClaim(prng, company, format, base + i, approvedBeforeMs);
    if (!faulty.has(i)) {
      out.push({ ...WRITERS[format](claim, company), total: claim.total, valid: true });
      continue;
    }
    const kind = prng.pick(kinds);
    const broken = withFault(prng, claim, kind, format, company);
    out.push({ ...WRITERS[format](broken.claim, company), total: broken.claim.total, valid: false, fault: `${kind}: ${broken.fault}`, faultKind: kind });
  }
  return out;
}
