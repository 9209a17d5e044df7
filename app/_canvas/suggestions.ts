import { RECORD_META, type FieldType, type FormRecord, type FormTemplate, type Labels, type RecordMetaKey } from '#server/engine/form-record';
import type { MappingSpec } from '#server/engine/spec';
import type { TargetField } from '#server/engine/voucher';
import { addFunctionNode, connect, ensureSourceNode, ensureTargetNode, type CommandResult } from './commands';
import { portsOf } from './ports';
import { sampleValues } from './recipes-guess';

/**
 * Which form fields likely feed a voucher field, best first. Three signals, added up: the type (a money field for
 * an amount, a date or time for the voucher date, a person for the employee…), the names (zh and en labels and a
 * few words accountants use for the same thing), and the sample claim (a value that looks like the field's kind).
 * Only fields the field can read are offered: a detail-table column only for a line repeated over that table.
 */

/** A form field as the source tree and the suggestions name it: a top-level field, a table column or a record value. */
export interface SourcePick {
  /** The source tree's key of the field: `meta:finishedAt`, a field id, or `table/column`. */
  key: string;
  field?: string;
  table?: string;
  column?: string;
  /** A value of the approval record itself (finish time, approval number…), not a form field. */
  meta?: RecordMetaKey;
  type: FieldType;
}

export interface SuggestedSource extends SourcePick {
  labels: Labels;
  /** The field's port to link when it is not its first (a money field's currency). */
  port?: string;
  score: number;
}

export interface SuggestionInput {
  spec: MappingSpec;
  template: FormTemplate;
  target: { line: string | null; field: TargetField };
  record?: FormRecord | null;
  limit?: number;
}

/** The record's own values, named as the source tree names them, for matching only (the tree shows its own words). */
const META_WORDS: Partial<Record<RecordMetaKey, Labels>> = {
  finishedAt: { zh: '审批完成时间', en: 'approval finished at finish time' },
  submittedAt: { zh: '提交时间', en: 'submitted at' },
  oaReference: { zh: '审批编号 单号', en: 'approval number reference' },
  applicantName: { zh: '申请人姓名', en: 'applicant name' },
  applicantId: { zh: '申请人', en: 'applicant id' },
  departmentName: { zh: '申请人部门', en: 'applicant department' },
  title: { zh: '审批标题', en: 'title' },
};

/** Words for the same thing on a voucher and on a form, by voucher field. */
const SYNONYMS: Record<string, RegExp> = {
  date: /完成|审批|finish|approv/i,
  fiscalYear: /完成|审批|finish|approv/i,
  period: /完成|审批|finish|approv/i,
  debit: /金额|总额|合计|amount|total|sum/i,
  credit: /金额|总额|合计|amount|total|sum/i,
  employee: /报销人|申请人|员工|职员|claimant|applicant|employee/i,
  department: /部门|department/i,
  summary: /事由|说明|摘要|reason|description|purpose/i,
  attachments: /附件|发票|attachment|invoice|file/i,
  reference: /编号|单号|reference|number/i,
  costCentre: /成本中心|cost cent/i,
  preparer: /制单|申请人|preparer|applicant/i,
};

/** How well a source type fits a voucher field: 0 means it cannot feed it. */
function typeFit(field: TargetField, type: FieldType, meta?: RecordMetaKey): number {
  switch (field.id) {
    case 'currency':
      // The currency travels beside the amount a line books (the OA system's own, or CNY where it has none).
      return type === 'money' ? 3 : 0;
    case 'employee':
    case 'preparer':
      return type === 'person' ? 4 : meta === 'applicantId' || meta === 'applicantName' ? 2 : 0;
    case 'department':
      return type === 'department' ? 4 : meta === 'departmentName' || meta === 'departmentId' ? 2 : 0;
    case 'attachments':
      return type === 'attachment' ? 4 : type === 'number' ? 1 : 0;
    case 'reference':
      return meta === 'oaReference' ? 4 : type === 'text' ? 1 : 0;
  }
  switch (field.type) {
    case 'money':
      return type === 'money' ? 4 : type === 'number' ? 1 : 0;
    case 'date':
      return type === 'date' || type === 'datetime' ? 3 : 0;
    case 'number':
      // Year and period come from a date (through a function, bridgeFor); a rate or a count from a number.
      return field.id === 'fiscalYear' || field.id === 'period' ? (type === 'date' || type === 'datetime' ? 3 : 0) : type === 'number' || type === 'money' ? 2 : 0;
    case 'text':
      return type === 'text' ? 2 : type === 'option' ? 1.5 : type === 'number' || type === 'date' ? 0.5 : type === 'person' || type === 'department' ? 0 : 0.5;
    default:
      return 1;
  }
}

/** Character bigrams of Chinese text and words of English text, for a rough overlap of two names. */
function grams(text: string): Set<string> {
  const out = new Set<string>();
  const han = text.replace(/[^\u4e00-\u9fff]/g, '');
  for (let i = 0; i + 1 < han.length; i++) out.add(han.slice(i, i + 2));
  for (const w of text.toLowerCase().match(/[a-z]{3,}/g) ?? []) out.add(w);
  return out;
}

function similarity(a: Labels, b: Labels): number {
  const x = grams(`${a.zh ?? ''} ${a.en ?? ''}`);
  const y = grams(`${b.zh ?? ''} ${b.en ?? ''}`);
  if (!x.size || !y.size) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;
const AMOUNT_LIKE = /^-?\d+(\.\d+)?$/;

/** A sample value of the right kind: a date for a date, an amount for an amount; any value beats an empty one. */
function sampleFit(field: TargetField, values: string[]): number {
  if (!values.length) return 0;
  const v = values[0];
  if (field.type === 'date') return DATE_LIKE.test(v) ? 1 : 0;
  if (field.type === 'money') return AMOUNT_LIKE.test(v) && Number(v) > 0 ? 1 : 0;
  return 0.5;
}

const PORT: Partial<Record<FieldType, string>> = { option: 'text', options: 'text', person: 'id', department: 'id', attachment: 'count' };

export function suggestSources({ spec, template, target, record, limit = 5 }: SuggestionInput): SuggestedSource[] {
  const line = target.line === null ? null : spec.lines.find((l) => l.id === target.line);
  const rowTable = line && line.repeat !== 'once' ? line.repeat.table : null;
  const candidates: Omit<SuggestedSource, 'score'>[] = [];
  for (const meta of Object.keys(RECORD_META) as RecordMetaKey[])
    candidates.push({ key: `meta:${meta}`, meta, type: RECORD_META[meta], labels: META_WORDS[meta] ?? { en: meta } });
  for (const f of template.fields) {
    if (f.type !== 'table') candidates.push({ key: f.id, field: f.id, type: f.type, labels: f.label });
    else if (f.id === rowTable) for (const c of f.columns ?? []) candidates.push({ key: `${f.id}/${c.id}`, table: f.id, column: c.id, type: c.type, labels: c.label });
  }
  const field = target.field;
  const synonyms = SYNONYMS[field.id];
  // On a line that is about tax, the tax amount is wanted; on any other, a tax figure is the wrong amount.
  const taxLine = /税|tax|vat/i.test(`${line?.label?.zh ?? ''} ${line?.label?.en ?? ''}`);
  const scored = candidates.flatMap((c): SuggestedSource[] => {
    const fit = typeFit(field, c.type, c.meta);
    if (fit === 0) return [];
    const names = `${c.labels.zh ?? ''} ${c.labels.en ?? ''}`;
    let score = fit + 2 * similarity(field.label, c.labels) + (synonyms?.test(names) ? 2 : 0);
    // A line repeated over a table books its rows: their columns come before the form's header figures.
    if (c.table) score += 1.5;
    if (field.type === 'money' && /税|tax/i.test(names) !== taxLine) score -= 2;
    // The form's own total (报销合计) before a sum the OA system adds under a column (金额·合计).
    if (field.type === 'money' && !c.table) score += (/总额|合计|total/i.test(names) ? 0.5 : 0) + (/报销|claim/i.test(names) ? 1 : 0);
    const port = field.id === 'currency' ? 'currency' : undefined;
    const values = c.meta ? metaValue(record, c.meta) : sampleValues(record, c, c.type, port ?? PORT[c.type] ?? 'value');
    score += sampleFit(field, values);
    return [{ ...c, ...(port ? { port } : {}), score: Math.round(score * 100) / 100 }];
  });
  return scored.sort((a, b) => b.score - a.score).slice(0, limit);
}

function metaValue(record: FormRecord | null | undefined, meta: RecordMetaKey): string[] {
  if (!record) return [];
  const derived: Partial<Record<RecordMetaKey, unknown>> = {
    applicantId: record.applicant?.id, applicantName: record.applicant?.name, departmentId: record.department?.id, departmentName: record.department?.name,
  };
  const v = meta in derived ? derived[meta] : (record as unknown as Record<string, unknown>)[meta];
  return typeof v === 'string' && v ? [v] : [];
}

/**
 * The functions between a suggested field and the voucher field when the types differ the way accounting expects:
 * a time becomes the date it falls on (in the company's zone, the function's default), a date gives its year or
 * its month as the period. Empty when the field links directly.
 */
export function bridgeFor(type: FieldType, field: TargetField): string[] {
  if (field.id === 'currency') return [];
  const toDate = type === 'datetime' ? ['date.toDate'] : [];
  if (field.id === 'fiscalYear' && (type === 'date' || type === 'datetime')) return [...toDate, 'date.year'];
  if (field.id === 'period' && (type === 'date' || type === 'datetime')) return [...toDate, 'date.period'];
  return field.type === 'date' ? toDate : [];
}

/**
 * Links a suggested field through its bridge functions as one edit. A date conversion already fed by the same
 * field is reused, so the voucher date, year and period read one "date in China time" node.
 */
export function linkThroughBridge(spec: MappingSpec, s: SuggestedSource, target: { line: string | null; field: TargetField }, targetFields: readonly TargetField[]): CommandResult {
  const ctx = { targetFields };
  const src = ensureSourceNode(spec, { field: s.field, table: s.table, column: s.column, meta: s.meta, type: s.type, label: s.labels.zh ?? s.labels.en });
  let next = src.spec;
  let from = { node: src.id, port: s.port ?? portsOf(next.nodes.find((n) => n.id === src.id)!, ctx).outputs[0]?.name ?? 'value' };
  for (const fn of bridgeFor(s.type, target.field)) {
    const reused = next.nodes.find(
      (n) => n.kind === 'function' && n.fn === fn && next.edges.some((e) => e.to.node === n.id && e.from.node === from.node && (e.from.port ?? '') === from.port),
    );
    if (reused) {
      from = { node: reused.id, port: 'result' };
      continue;
    }
    const added = addFunctionNode(next, fn);
    const input = portsOf(added.spec.nodes.find((n) => n.id === added.id)!, ctx).inputs[0].name;
    const r = connect(added.spec, from, { node: added.id, port: input }, ctx);
    if (!r.ok) return r;
    next = r.spec;
    from = { node: added.id, port: 'result' };
  }
  const t = ensureTargetNode(next, target.line, target.field.id);
  return connect(t.spec, from, { node: t.id, port: 'value' }, ctx);
}
