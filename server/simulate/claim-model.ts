/**
 * One simulated travel claim of the demo company, independent of any OA system: who claims, which department
 * bears it, the expense rows with amounts and VAT as the claimant types them, the total, and when it was submitted
 * and approved. A faulty claim carries one mistake a claimant really makes; the format writers put either kind
 * into each vendor's instance body.
 */
import type { ClaimFormat, DemoCompany, Department, Employee } from './demo-company';
import { shortYuan, yuan } from './money';
import type { Prng } from './prng';
import { DESTINATIONS, ORIGIN, taxFor, tripRows } from './trips';

export interface ClaimRow {
  type: string;
  /** China-time date, YYYY-MM-DD */
  date: string;
  description: string;
  /** The amount as typed (a decimal text for a valid claim); null when the cell was left empty. */
  amount: string | null;
  tax: string | null;
}

export interface ClaimModel {
  claimant: Employee;
  /** The claimant's own department (the OA systems' "originator department"). */
  home: Department;
  /** 费用承担部门: the department bearing the cost. */
  bearer: Department;
  /** A department id or name the company does not have, sent instead of the bearer's (a fault). */
  unknownDepartment?: string;
  reason: string;
  tripStart: string;
  tripEnd: string;
  rows: ClaimRow[];
  /** The form's total as typed; null when the field is missing from the form. */
  total: string | null;
  submittedAtMs: number;
  /** The department head's approval, then finance's (the instance's finish time). */
  firstApprovalAtMs: number;
  finishedAtMs: number;
  attachments: number;
  /** Random letters and digits, and random hex digits, that the writers turn into the vendor's ids. */
  entropy: string;
  hex: string;
  /** The run's random base plus the claim's place in the run: the OA references of one run never repeat. */
  serial: number;
}

/**
 * The mistakes a simulated claim may carry. Each makes the demo mapping refuse the claim with an error naming the
 * field (see claims.test.ts). Feishu sends amounts as JSON numbers, so text there is not a claim but a malformed
 * body: `amount-not-a-number` is left out for Feishu.
 */
export const FAULT_KINDS = [
  'unknown-department',
  'total-mismatch',
  'amount-not-a-number',
  'missing-total',
  'unknown-expense-type',
  'tax-above-amount',
  'amount-over-two-decimals',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultsFor = (format: ClaimFormat): FaultKind[] => FAULT_KINDS.filter((f) => !(format === 'feishu' && f === 'amount-not-a-number'));

const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;

/** The China-time calendar date of an instant. */
export const chinaDate = (ms: number) => new Date(ms + CST_MS).toISOString().slice(0, 10);
/** Midnight China time of the day `ms` falls on, as an instant. */
const chinaMidnight = (ms: number) => Math.floor((ms + CST_MS) / DAY_MS) * DAY_MS - CST_MS;

/** An instant in China office hours (09:00–19:00) of the day `daysBack` days before `beforeMs`. */
function officeHours(prng: Prng, beforeMs: number, daysBack: number): number {
  const day = chinaMidnight(beforeMs) - daysBack * DAY_MS;
  const at = day + prng.int(9 * 3600, 19 * 3600 - 1) * 1000;
  // Today's office hours may still be ahead: then it happened the day before.
  return at < beforeMs ? at : at - DAY_MS;
}

/** How the claimant types an amount: mostly with two decimals, sometimes shorter ("1280", "1234.5"). */
function typed(prng: Prng, fen: number, format: ClaimFormat): string {
  if (format === 'feishu') return shortYuan(fen);
  return prng.chance(0.85) ? yuan(fen) : shortYuan(fen);
}

export function buildClaim(prng: Prng, company: DemoCompany, format: ClaimFormat, serial: number, approvedBeforeMs: number): ClaimModel {
  const claimant = prng.pick(company.employees);
  const home = company.departments.find((d) => d.code === claimant.deptCode) ?? prng.pick(company.departments);
  // Mostly one's own department bears the trip; now and then another (a trip made for a colleague's project).
  const bearer = prng.chance(0.85) ? home : prng.pick(company.departments);
  const dest = prng.pick(DESTINATIONS);
  const days = prng.int(1, 5);

  const finishedAtMs = officeHours(prng, approvedBeforeMs, prng.int(0, 29));
  const submittedAtMs = officeHours(prng, finishedAtMs, prng.int(1, 3));
  // The department head approves somewhere between submission and finance's final approval.
  const firstApprovalAtMs = submittedAtMs + Math.floor(((finishedAtMs - submittedAtMs) * prng.int(10, 90)) / 100);
  const tripEndMs = chinaMidnight(submittedAtMs) - prng.int(0, 6) * DAY_MS;
  const tripStartMs = tripEndMs - (days - 1) * DAY_MS;

  const ideas = tripRows(prng, dest, days, company.expenseTypes);
  const rows: ClaimRow[] = ideas.map((r) => {
    const tax = taxFor(prng, r.type, r.fen);
    return {
      type: r.type,
      date: chinaDate(tripStartMs + r.day * DAY_MS),
      description: r.description,
      amount: typed(prng, r.fen, format),
      tax: tax === null ? null : typed(prng, tax, format),
    };
  });
  const totalFen = ideas.reduce((sum, r) => sum + r.fen, 0);
  const [m1, d1] = chinaDate(tripStartMs).slice(5).split('-').map(Number);
  const [m2, d2] = chinaDate(tripEndMs).slice(5).split('-').map(Number);
  const when = days === 1 ? `${m1}月${d1}日` : m1 === m2 ? `${m1}月${d1}日-${d2}日` : `${m1}月${d1}日-${m2}月${d2}日`;
  return {
    claimant,
    home,
    bearer,
    reason: `${when}赴${dest.city}${prng.pick(dest.purposes)}（${bearer.name}）差旅费，自${ORIGIN}出发`,
    tripStart: chinaDate(tripStartMs),
    tripEnd: chinaDate(tripEndMs),
    rows,
    total: prng.chance(0.85) || format === 'feishu' ? typed(prng, totalFen, format) : yuan(totalFen),
    submittedAtMs,
    firstApprovalAtMs,
    finishedAtMs,
    attachments: rows.length,
    entropy: prng.text(22, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'),
    hex: prng.text(32, '0123456789abcdef'),
    serial,
  };
}
