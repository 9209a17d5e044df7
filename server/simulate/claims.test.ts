import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { bookedCredit, imbalance, type DemoLedger } from '../../db/seed/ledger-documents';
import { outcomeProblems } from '../pipeline/outcome-problems';
import type { LiveConnector } from '../services/connectors';
import { instanceProblem } from '../services/ingest';
import { runMapping } from '../services/run-mapping';
import { seededDatabase } from '../services/test-support';
import { versionInForce } from '../services/version-store';
import { FAULT_KINDS, generateClaims, type ClaimFormat, type FaultKind } from './claims';
import { createPrng } from './prng';

const db = seededDatabase('simulate-claims');

const DEMO: Record<ClaimFormat, { mapping: string; ledger: DemoLedger; template: string }> = {
  dingtalk: { mapping: 'travel-reimbursement.dingtalk-kingdee', ledger: 'kingdee-gl-voucher', template: 'PROC-TRAVEL-EXPENSE' },
  feishu: { mapping: 'travel-reimbursement.feishu-kingdee', ledger: 'kingdee-gl-voucher', template: 'BCD664E5-456F-4FEE-BA6E-EE349972F6A1' },
  wecom: { mapping: 'travel-reimbursement.wecom-u8', ledger: 'u8-voucher-xml', template: '3WLJF6naF5jhnXvwisuPmE85wVMYcy1S1ZvYibkw' },
};

/** The form field (its id in the OA system's sample) a refusal of each fault must name. */
const FAULT_FIELD: Record<ClaimFormat, Record<FaultKind, string>> = {
  dingtalk: {
    'unknown-department': 'DepartmentField_1J3K5L7M9N1P0',
    'total-mismatch': 'MoneyField_18PDM5K773FK0',
    'missing-total': 'MoneyField_18PDM5K773FK0',
    'amount-not-a-number': 'MoneyField_17K3F0ZP9QDC0',
    'amount-over-two-decimals': 'MoneyField_17K3F0ZP9QDC0',
    'unknown-expense-type': 'DDSelectField_1QZ7N3K8VEO00',
    'tax-above-amount': 'MoneyField_1F8W2U6HJX4G0',
  },
  feishu: {
    'unknown-department': 'widget17412238533370001',
    'total-mismatch': 'widget17412238687320001',
    'missing-total': 'widget17412238687320001',
    'amount-not-a-number': '(not generated for Feishu)',
    'amount-over-two-decimals': 'widget17412238810450001',
    'unknown-expense-type': 'widget17412238700010001',
    'tax-above-amount': 'widget17412238866210001',
  },
  wecom: {
    'unknown-department': 'Contact-1741000100002',
    'total-mismatch': 'Money-1741000100008',
    'missing-total': 'Money-1741000100008',
    'amount-not-a-number': 'Money-1741000200004',
    'amount-over-two-decimals': 'Money-1741000200004',
    'unknown-expense-type': 'Selector-1741000200001',
    'tax-above-amount': 'Money-1741000200005',
  },
};

const connectorOf = (format: ClaimFormat): LiveConnector => ({
  id: 0,
  name: `sim-${format}`,
  kind: 'webhook',
  format,
  templateCode: DEMO[format].template,
  settings: {},
  secrets: { webhookSecrets: [] },
  enabled: true,
});

describe.each(['dingtalk', 'feishu', 'wecom'] as const)('generated %s claims through the demo mapping', (format) => {
  const claims = generateClaims({ format, count: 120, faultyShare: 0.35, seed: `test-${format}` });
  const spec = () => versionInForce(db, DEMO[format].mapping)!.spec;

  it('are all instances the connector accepts, with distinct instance ids and OA references', () => {
    for (const c of claims) expect(instanceProblem(connectorOf(format), c.bodyText)).toEqual({ problem: null, instanceId: c.instanceId });
    expect(new Set(claims.map((c) => c.instanceId)).size).toBe(claims.length);
    expect(new Set(claims.map((c) => c.oaReference)).size).toBe(claims.length);
  });

  it('each valid one gives a balanced voucher crediting the claimed total, with the OA reference on it', async () => {
    const valid = claims.filter((c) => c.valid);
    expect(valid.length).toBe(120 - Math.round(120 * 0.35));
    for (const c of valid) {
      const outcome = await runMapping(db, spec(), c.bodyText);
      expect(outcome.kind, JSON.stringify(outcomeProblems(outcome))).toBe('ok');
      if (outcome.kind !== 'ok') continue;
      expect(imbalance(DEMO[format].ledger, outcome.document)).toBeNull();
      expect(bookedCredit(DEMO[format].ledger, outcome.document).eq(new Decimal(c.total!))).toBe(true);
      expect(outcome.record.oaReference).toBe(c.oaReference);
      expect(outcome.document).toContain(c.oaReference);
    }
  });

  it('each faulty one is refused with an error naming the faulty field', async () => {
    const faulty = claims.filter((c) => !c.valid);
    expect(faulty.length).toBe(Math.round(120 * 0.35));
    for (const c of faulty) {
      const outcome = await runMapping(db, spec(), c.bodyText);
      expect(outcome.kind, c.fault).toBe('error');
      const fields = outcomeProblems(outcome).map((p) => p.field);
      expect(fields, c.fault).toContain(FAULT_FIELD[format][c.faultKind!]);
    }
    // Over 42 faulty claims every kind the format can carry shows up.
    const kinds = new Set(faulty.map((c) => c.faultKind));
    expect([...kinds].sort()).toEqual(FAULT_KINDS.filter((k) => !(format === 'feishu' && k === 'amount-not-a-number')).sort());
  });
});

describe('generation', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateClaims({ format: 'feishu', count: 30, faultyShare: 0.2, seed: 42 });
    const b = generateClaims({ format: 'feishu', count: 30, faultyShare: 0.2, seed: 42 });
    const c = generateClaims({ format: 'feishu', count: 30, faultyShare: 0.2, seed: 43 });
    expect(b).toEqual(a);
    expect(c.map((x) => x.bodyText)).not.toEqual(a.map((x) => x.bodyText));
    expect(new Set([...a, ...c].map((x) => x.instanceId)).size).toBe(60);
    // Claim i is the same claim whatever the count and faulty share (when it is valid in both).
    const fewer = generateClaims({ format: 'feishu', count: 10, faultyShare: 0, seed: 42 });
    for (const [i, claim] of fewer.entries()) if (a[i].valid) expect(claim).toEqual(a[i]);
    for (const [i, claim] of fewer.entries()) expect(claim.instanceId).toBe(a[i].instanceId);
  });

  it('approves every claim within the 30 days before approvedBefore', () => {
    const before = new Date('2026-01-10T00:00:00Z');
    for (const c of generateClaims({ format: 'wecom', count: 40, seed: 'dates', approvedBefore: before })) {
      const info = JSON.parse(c.bodyText).info;
      const finished = Math.max(...info.process_list.node_list.filter((n: { node_type: number }) => n.node_type === 1).flatMap((n: { sub_node_list: { sptime: number }[] }) => n.sub_node_list.map((s) => s.sptime)));
      expect(finished * 1000).toBeLessThanOrEqual(before.getTime());
      expect(finished * 1000).toBeGreaterThan(before.getTime() - 31 * 86_400_000);
      expect(info.apply_time).toBeLessThan(finished);
      const approvals = info.sp_record.flatMap((r: { details: { sptime: number }[] }) => r.details.map((d) => d.sptime));
      expect(approvals[0]).toBeGreaterThanOrEqual(info.apply_time);
      expect(approvals[0]).toBeLessThanOrEqual(finished);
    }
  });

  it('refuses impossible options', () => {
    expect(() => generateClaims({ format: 'generic' as ClaimFormat, count: 1, seed: 1 })).toThrow(/dingtalk, feishu or wecom/);
    expect(() => generateClaims({ format: 'wecom', count: -1, seed: 1 })).toThrow(/whole number/);
    expect(() => generateClaims({ format: 'wecom', count: 1, faultyShare: 1.5, seed: 1 })).toThrow(/between 0 and 1/);
  });
});

describe('the seeded generator', () => {
  it('repeats its stream for a seed and spreads draws evenly', () => {
    const a = createPrng('s');
    const b = createPrng('s');
    const xs = Array.from({ length: 20_000 }, () => a.next());
    expect(Array.from({ length: 20_000 }, () => b.next())).toEqual(xs);
    const buckets = new Array(10).fill(0);
    for (const x of xs) buckets[Math.floor(x * 10)]++;
    for (const n of buckets) expect(Math.abs(n - 2000)).toBeLessThan(200);
    const sample = createPrng(1).sample(50, 20);
    expect(new Set(sample).size).toBe(20);
    expect(sample.every((i) => i >= 0 && i < 50)).toBe(true);
  });
});
