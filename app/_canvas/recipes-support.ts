import fs from 'node:fs';
import path from 'node:path';
import { getConnector } from '#server/connectors';
import { MappingSpecSchema, type FormTemplate, type MappingSpec } from '#server/engine';
import type { FormRecord } from '#server/engine/form-record';
import type { TargetField } from '#server/engine/voucher';
import { getCatalogue } from '#server/ledgers';
import { DEMO, demoPayload, demoSpec, demoTables, type DemoSystem } from '../../db/seed/demo-fixture';
import { addFunctionNode, connect, ensureSourceNode, ensureTargetNode } from './commands';
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
 * What a finished mapping has besides its lines: the voucher date from the finish time in China time. Fiscal year
 * and period follow from the voucher date, book, voucher word and each line's currency from the ledger settings
 * (the engine's fallbacks), so they are not linked here.
 */
export function withVoucherBasics(spec: MappingSpec, targetFields: readonly TargetField[]): MappingSpec {
  const ctx = { targetFields };
  const must = (r: ReturnType<typeof connect>) => {
    if (!r.ok) throw new Error(r.reason.code);
    return r.spec;
  };
  let s = spec;
  const finished = ensureSourceNode(s, { meta: 'finishedAt', type: 'datetime' });
  const date = addFunctionNode(finished.spec, 'date.toDate');
  s = { ...date.spec, nodes: date.spec.nodes.map((n) => (n.id === date.id && n.kind === 'function' ? { ...n, params: { timeZone: 'Asia/Shanghai' } } : n)) };
  s = must(connect(s, { node: finished.id, port: 'value' }, { node: date.id, port: 'value' }, ctx));
  const target = ensureTargetNode(s, null, 'date');
  return must(connect(target.spec, { node: date.id, port: 'result' }, { node: target.id, port: 'value' }, ctx));
}
