/**
 * Puts one realistic mistake into a simulated claim: what the demo company's checks exist to catch (README of the
 * demo company, rule 7). Each returns the changed claim and a short description for the simulator's log.
 */
import type { ClaimModel, FaultKind } from './claim-model';
import type { ClaimFormat, DemoCompany } from './demo-company';
import { yuan } from './money';
import type { Prng } from './prng';

/** Departments that sound real but are not in the company's table, in each OA system's key. */
function unknownDepartment(prng: Prng, format: ClaimFormat, company: DemoCompany): string {
  if (format === 'dingtalk') return prng.pick(['海外事业部', '战略投资部', '市场一部']);
  if (format === 'feishu') return `od-${prng.text(32, '0123456789abcdef')}`;
  const taken = new Set(company.departments.map((d) => d.wecomPartyId));
  let id = String(prng.int(6, 99));
  while (taken.has(id)) id = String(Number(id) + 1);
  return id;
}

/** Fen of a typed amount that is known to be a valid decimal (the generator wrote it). */
const fenOf = (text: string) => {
  const [whole, frac = ''] = text.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
};

export function withFault(prng: Prng, claim: ClaimModel, kind: FaultKind, format: ClaimFormat, company: DemoCompany): { claim: ClaimModel; fault: string } {
  const rows = claim.rows.map((r) => ({ ...r }));
  const i = prng.int(0, rows.length - 1);
  const row = rows[i];
  const at = `row ${i + 1}`;
  switch (kind) {
    case 'unknown-department': {
      const dept = unknownDepartment(prng, format, company);
      return { claim: { ...claim, rows, unknownDepartment: dept }, fault: `unknown department ${dept}` };
    }
    case 'total-mismatch': {
      const totalFen = fenOf(claim.total!);
      // The usual slips: a row forgotten in the sum, or two digits swapped.
      const forgotten = rows.length > 1 ? totalFen - fenOf(rows[rows.length - 1].amount!) : totalFen + 10000;
      const swapped = yuan(totalFen).replace(/(\d)(\d)\./, (m, a: string, b: string) => (a === b ? m : `${b}${a}.`));
      const total = prng.chance(0.5) && swapped !== yuan(totalFen) ? swapped : yuan(forgotten);
      return { claim: { ...claim, rows, total }, fault: `total ${total} ≠ rows ${claim.total}` };
    }
    case 'amount-not-a-number':
      row.amount = prng.chance(0.5) ? `${row.amount}元` : '壹仟贰佰元整';
      return { claim: { ...claim, rows }, fault: `${at} amount "${row.amount}"` };
    case 'missing-total':
      return { claim: { ...claim, rows, total: null }, fault: 'no total' };
    case 'unknown-expense-type':
      row.type = prng.pick(['签证费', '培训费', '行李托运费']);
      return { claim: { ...claim, rows }, fault: `${at} expense type ${row.type}` };
    case 'tax-above-amount':
      row.tax = yuan(fenOf(row.amount!) + prng.int(1, 5000));
      return { claim: { ...claim, rows }, fault: `${at} tax ${row.tax} > amount ${row.amount}` };
    case 'amount-over-two-decimals': {
      // A third decimal typed by mistake; the total follows it, so only the precision is wrong.
      const digit = String(prng.int(1, 9));
      row.amount = `${yuan(fenOf(row.amount!))}${digit}`;
      const total = `${yuan(fenOf(claim.total!))}${digit}`;
      return { claim: { ...claim, rows, total }, fault: `${at} amount ${row.amount}` };
    }
  }
}
