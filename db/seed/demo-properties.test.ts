import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, type Voucher } from '../../server/engine';
import { demoPayload, demoTables, runDemo, type DemoSystem } from './demo-fixture';

const tables = demoTables();
const col = (t: string, c: string) => tables[t].rows.map((r) => r[tables[t].columns.indexOf(c)]);
const EXPENSE_TYPES = col('expense-types', 'expense_type');

interface Claim {
  rows: { type: string; desc: string; cents: number; taxCents: number | null }[];
  dept: number;
  claimant: number;
}

const claim: fc.Arbitrary<Claim> = fc.record({
  rows: fc.array(
    fc
      .record({
        type: fc.constantFrom(...EXPENSE_TYPES),
        desc: fc.string({ maxLength: 120, unit: 'grapheme' }),
        cents: fc.integer({ min: 1, max: 99_999_999 }),
        taxShare: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      })
      .map(({ type, desc, cents, taxShare }) => ({ type, desc, cents, taxCents: taxShare === null ? null : Math.floor((cents * taxShare) / 100) })),
    { minLength: 1, maxLength: 8 },
  ),
  dept: fc.integer({ min: 0, max: tables.departments.rows.length - 1 }),
  claimant: fc.integer({ min: 0, max: tables.employees.rows.length - 1 }),
});

const money = (cents: number) => new Decimal(cents).div(100).toFixed(2);

/** Writes a claim into the system's own sample payload, the way that OA system would send it. */
function payloadFor(system: DemoSystem, c: Claim): unknown {
  const p = demoPayload(system);
  const total = money(c.rows.reduce((s, r) => s + r.cents, 0));
  const dept = tables.departments.rows[c.dept];
  const emp = tables.employees.rows[c.claimant];
  if (system === 'dingtalk') {
    const f = (id: string) => p.result.formComponentValues.find((x: { id: string }) => x.id === id);
    f('DepartmentField_1J3K5L7M9N1P0').value = dept[1];
    f('InnerContactField_1R9B45BYVYE80').extValue = JSON.stringify([{ emplId: emp[4], name: 'x' }]);
    f('MoneyField_18PDM5K773FK0').value = total;
    const template = JSON.parse(f('TableField_1T9QY2M6XKJ40').value)[0];
    f('TableField_1T9QY2M6XKJ40').value = JSON.stringify(
      c.rows.map((r) => ({
        ...template,
        rowValue: template.rowValue.map((cell: { key: string }) => {
          if (cell.key === 'DDSelectField_1QZ7N3K8VEO00') return { ...cell, value: r.type, extendValue: { label: r.type, key: 'k' } };
          if (cell.key === 'TextField_2B6R8YJ1L0WG0') return { ...cell, value: r.desc };
          if (cell.key === 'MoneyField_17K3F0ZP9QDC0') return { ...cell, value: money(r.cents) };
          if (cell.key === 'MoneyField_1F8W2U6HJX4G0') return { ...cell, value: r.taxCents === null ? 'null' : money(r.taxCents) };
          return cell;
        }),
      })),
    );
  } else {
    // Feishu sends amounts as JSON numbers: the connector must read them from the JSON text, exactly.
    const form = JSON.parse(p.data.form);
    const w = (id: string) => form.find((x: { id: string }) => x.id === id);
    w('widget17412238533370001').value = [{ open_id: dept[6] }];
    w('widget17412238561480001').value = [emp[5]];
    w('widget17412238687320001').value = Number(total);
    const template = w('widget17412238654110001').value[0];
    w('widget17412238654110001').value = c.rows.map((r) =>
      template.map((cell: { id: string }) => {
        if (cell.id === 'widget17412238700010001') return { ...cell, value: r.type, option: { key: 'k', text: r.type } };
        if (cell.id === 'widget17412238790020001') return { ...cell, value: r.desc };
        if (cell.id === 'widget17412238810450001') return { ...cell, value: Number(money(r.cents)) };
        if (cell.id === 'widget17412238866210001') return { ...cell, value: r.taxCents === null ? null : Number(money(r.taxCents)) };
        return cell;
      }),
    );
    p.data.form = JSON.stringify(form);
  }
  return p;
}

describe.each(['dingtalk', 'feishu'] as const)('random valid claims through the %s demo mapping', (system) => {
  it('always give a balanced voucher whose payable equals the total', async () => {
    await fc.assert(
      fc.asyncProperty(claim, async (c) => {
        const { result } = await runDemo(system, payloadFor(system, c));
        expect(result?.errors).toEqual([]);
        const v = result!.output as Voucher;
        const debit = v.lines.reduce((s, l) => s.plus(l.debit), new Decimal(0));
        const credit = v.lines.reduce((s, l) => s.plus(l.credit), new Decimal(0));
        const total = c.rows.reduce((s, r) => s + r.cents, 0);
        expect(debit.toFixed(2)).toBe(credit.toFixed(2));
        const payable = v.lines[v.lines.length - 1];
        expect([payable.account, payable.credit.toFixed(2)]).toEqual(['2241', money(total)]);
        const expenseLines = c.rows.filter((r) => r.cents - (r.taxCents ?? 0) > 0).length;
        const vatLines = c.rows.some((r) => (r.taxCents ?? 0) > 0) ? 1 : 0;
        expect(v.lines).toHaveLength(expenseLines + vatLines + 1);
        for (const l of v.lines) expect(Array.from(l.summary).length).toBeLessThanOrEqual(80);
      }),
      { numRuns: 60 },
    );
  });
});

const SYSTEMS: DemoSystem[] = ['dingtalk', 'feishu', 'wecom'];

/** Replaces the value at a random path of the sample with something hostile. */
function mutate(sample: unknown, pathPick: number[], replacement: unknown): unknown {
  let node: any = sample;
  for (const pick of pathPick) {
    if (node === null || typeof node !== 'object') break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[pick % keys.length];
    const child = node[key];
    if (child === null || typeof child !== 'object' || pick % 3 === 0) {
      node[key] = replacement;
      return sample;
    }
    node = child;
  }
  return sample;
}

const hostile = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('null', '', '__proto__', 'NaN', '1e400', '-0', '1'.repeat(400), '\u0000\u202e<script>', '[{"rowValue":[]}]', '{"__proto__":{"x":1}}'),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constant({ ['__proto__']: { polluted: true } }),
);

describe('random and hostile payloads', () => {
  it.each(SYSTEMS)('never make the %s pipeline throw', async (system) => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), hostile, async (pathPick, replacement) => {
        const r = await runDemo(system, mutate(demoPayload(system), pathPick, replacement));
        // Either a clear refusal or a voucher: never a throw, never a half-filled voucher.
        if (r.result?.status === 'ok') expect(r.document).not.toBeNull();
        else expect(r.shapeError !== null || r.result !== null).toBe(true);
        if (r.result && r.result.status !== 'ok') expect(r.result.output).toBeNull();
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });

  it.each(SYSTEMS)('any JSON value at all is refused cleanly by %s', async (system) => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const r = await runDemo(system, value);
        expect(r.shapeError ?? r.result?.status).toBeTruthy();
      }),
      { numRuns: 150 },
    );
  });
});
