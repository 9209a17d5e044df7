import fs from 'node:fs';
import path from 'node:path';
import { getConnector } from '#server/connectors';
import { MappingSpecSchema, type FormTemplate, type MappingSpec } from '#server/engine';
import type { FormRecord } from '#server/engine/form-record';
import type { TargetField } from '#server/engine/voucher';
import { getCatalogue } from '#server/ledgers';
import { DEMO, demoPayload, demoSpec, demoTables, type DemoSystem } from '../../db/seed/demo-fixture';
import { addFunctionNode, addNode, connect, ensureSourceNode, ensureTargetNode, setTargetOption } from './commands';
import type { RecipeContext } from './recipes-guess';

/** Test support for the recipes and suggestions: a demo form as the wizard leaves it, an empty mapping on it. */

export interface DemoForm {
  system: DemoSystem;
  template: FormTemplate;
  record: FormRecord;
  targetFields: readonly TargetField[];
  /** The empty mapping the wizard makes for this form and the demo's ledger. */
  empty: MappingSpec;
  payloadText: string;
}

export function demoForm(system: DemoSystem): DemoForm {
  const payloadText = fs.readFileSync(path.join(process.cwd(), 'db/seed/payloads', DEMO[system].payload), 'utf8');
  const payload = demoPayload(system);
  const demo = demoSpec(system);
  const connector = getConnector(demo.source.connector);
  const inferred = connector.inferTemplate(payload, { templateCode: demo.source.templateCode });
  if ('path' in inferred) throw new Error(`demo payload ${system} does not infer: ${inferred.message}`);
  const normalized = connector.normalize(payload, { templateCode: demo.source.templateCode });
  if (!normalized.ok) throw new Error(`demo payload ${system} does not normalise`);
  const empty = MappingSpecSchema.parse({
    specVersion: 1,
    name: `recipes-${system}`,
    source: { connector: demo.source.connector, templateCode: demo.source.templateCode, postOn: ['approved'] },
    // The demo's ledger settings and chart: what the analyst sets once per mapping, not per line.
    target: demo.target,
    nodes: [],
    edges: [],
    lines: [],
  });
  return { system, template: inferred as FormTemplate, record: normalized.record, targetFields: getCatalogue(demo.target.format)!.fields, empty, payloadText };
}

export function recipeContext(form: DemoForm, spec: MappingSpec = form.empty, withSample = true): RecipeContext {
  return { spec, template: form.template, tables: demoTables(), record: withSample ? form.record : null };
}

/**
 * What a finished mapping has besides its lines: the voucher date from the finish time in China time, year and
 * period from it, and a currency where the ledger requires one per line and the settings do not give it yet.
 */
export function withVoucherBasics(spec: MappingSpec, targetFields: readonly TargetField[]): MappingSpec {
  const ctx = { targetFields };
  const must = (r: ReturnType<typeof connect>) => {
    if (!r.ok) throw new Error(r.reason.code);
    return r.spec;
  };
  let s = spec;
  // Kingdee's book and voucher group are settings (what the demo maps as constants today).
  if (s.target.format === 'kingdee-gl-voucher') s = setTargetOption(setTargetOption(s, 'accountBook', '001'), 'voucherGroup', 'PRE001');
  const finished = ensureSourceNode(s, { meta: 'finishedAt', type: 'datetime' });
  const date = addFunctionNode(finished.spec, 'date.toDate');
  s = { ...date.spec, nodes: date.spec.nodes.map((n) => (n.id === date.id && n.kind === 'function' ? { ...n, params: { timeZone: 'Asia/Shanghai' } } : n)) };
  s = must(connect(s, { node: finished.id, port: 'value' }, { node: date.id, port: 'value' }, ctx));
  for (const [field, fn] of [['date', null], ['fiscalYear', 'date.year'], ['period', 'date.period']] as const) {
    const t = ensureTargetNode(s, null, field);
    s = t.spec;
    let from = date.id;
    if (fn) {
      const f = addFunctionNode(s, fn);
      s = must(connect(f.spec, { node: date.id, port: 'result' }, { node: f.id, port: 'date' }, ctx));
      from = f.id;
    }
    s = must(connect(s, { node: from, port: 'result' }, { node: t.id, port: 'value' }, ctx));
  }
  if (targetFields.some((f) => f.group === 'line' && f.id === 'currency' && f.required)) {
    s = addNode(s, { id: 'c.currency', kind: 'constant', valueType: 'text', value: 'CNY' });
    for (const line of s.lines) {
      const t = ensureTargetNode(s, line.id, 'currency');
      s = must(connect(t.spec, { node: 'c.currency', port: 'value' }, { node: t.id, port: 'value' }, ctx));
    }
  }
  return s;
}
