import { describe, expect, it } from 'vitest';
import { FUNCTIONS, FUNCTION_CATEGORIES, getFunction } from './index';

const ids = FUNCTIONS.map((f) => f.id);

describe('function registry', () => {
  it('has unique, dotted lowercase ids found by getFunction', () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of FUNCTIONS) {
      expect(f.id).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect(getFunction(f.id)).toBe(f);
    }
    expect(getFunction('nope.nothing')).toBeUndefined();
    expect(getFunction('__proto__')).toBeUndefined();
  });

  it('contains the whole library', () => {
    for (const id of [
      'text.template', 'text.concat', 'text.trim', 'text.substring', 'text.replace', 'text.pad', 'text.truncate',
      'text.upper', 'text.lower', 'text.toText', 'math.add', 'math.subtract', 'math.multiply', 'math.divide',
      'math.round', 'math.compare', 'math.abs', 'math.negate', 'math.decimals', 'math.toNumber', 'agg.sum',
      'agg.count', 'agg.min', 'agg.max', 'tax.split', 'tax.net', 'date.parse', 'date.toTimeZone', 'date.toDate',
      'date.format', 'date.year', 'date.period', 'date.monthEnd', 'date.addDays', 'logic.if', 'logic.switch',
      'logic.equals', 'logic.in', 'logic.isEmpty', 'logic.coalesce', 'logic.and', 'logic.or', 'logic.not',
    ]) {
      expect(ids, id).toContain(id);
    }
  });

  it('every category has zh and en labels, and every function belongs to one', () => {
    const cats = new Set(FUNCTION_CATEGORIES.map((c) => c.id));
    for (const c of FUNCTION_CATEGORIES) {
      expect(c.label.zh?.trim()).toBeTruthy();
      expect(c.label.en?.trim()).toBeTruthy();
    }
    for (const f of FUNCTIONS) expect(cats.has(f.category), f.id).toBe(true);
  });

  describe.each(FUNCTIONS.map((f) => [f.id, f] as const))('%s', (_id, f) => {
    it('has zh/en label and description', () => {
      for (const l of [f.label, f.description]) {
        expect(l.zh?.trim()).toBeTruthy();
        expect(l.en?.trim()).toBeTruthy();
      }
    });

    it('accepts its default params and builds ports and an implementation from them', () => {
      const p = f.paramsSchema.parse({});
      expect(typeof f.build(p)).toBe('function');
      const inputs = f.inputs(p);
      const outputs = f.outputs(p);
      expect(outputs.length).toBeGreaterThan(0);
      if (outputs.length === 1) expect(outputs[0].name).toBe('result');
      expect(f.kind === 'multi').toBe(outputs.length > 1);
      const names = [...inputs, ...outputs].map((x) => x.name);
      expect(new Set(inputs.map((x) => x.name)).size).toBe(inputs.length);
      expect(names.every((n) => n && !n.includes('.'))).toBe(true);
      // only the last input may be variadic
      inputs.forEach((x, i) => x.variadic && expect(i).toBe(inputs.length - 1));
      for (const x of [...inputs, ...outputs]) {
        expect(x.label.zh?.trim()).toBeTruthy();
        expect(x.label.en?.trim()).toBeTruthy();
      }
    });

    it('documents every param it validates', () => {
      const p = f.paramsSchema.parse({}) as Record<string, unknown>;
      const declared = new Set(f.params.map((x) => x.name));
      for (const key of Object.keys(p)) expect(declared.has(key), key).toBe(true);
      for (const x of f.params) {
        expect(x.label.zh?.trim()).toBeTruthy();
        expect(x.label.en?.trim()).toBeTruthy();
        if (x.kind === 'enum') expect(x.options.every((o) => o.label.zh && o.label.en)).toBe(true);
      }
    });
  });
});
