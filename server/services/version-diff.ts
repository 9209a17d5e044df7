import type { Edge, LineTemplate, MappingNode, MappingSpec } from '../engine';
import { TARGET_OPTION_SETTINGS, type TargetFormat } from '../ledgers';
import { canonicalJson } from './canonical-json';
import { compareStructure, edgeKey, parameters, type StructuralChanges } from './spec-structure';

/**
 * The difference between two versions of a mapping in the terms a finance reviewer uses: which links were drawn
 * or removed, which parameters changed from what to what, which line templates, conditions, checks and ledger
 * settings changed. Pure: both specs come in, a list of worded entries goes out.
 */
export type DiffKind = 'link' | 'node' | 'parameter' | 'line' | 'condition' | 'check' | 'target_option' | 'source';
export type DiffChange = 'added' | 'removed' | 'changed';

export interface DiffEntry {
  kind: DiffKind;
  change: DiffChange;
  /** the node concerned, for highlighting on the canvas */
  node?: string;
  /** the line template concerned */
  line?: string | null;
  /** the parameter, setting or line property concerned */
  field?: string;
  before?: unknown;
  after?: unknown;
  text: { zh: string; en: string };
}

const show = (v: unknown): string =>
  v === undefined
    ? '—'
    : typeof v === 'string'
      ? `"${v}"`
      : isMap(v) && Object.values(v).every((x) => typeof x === 'string')
        ? Object.values(v).join(' · ')
        : canonicalJson(v);
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const CHANGE_ZH: Record<DiffChange, string> = { added: '新增', removed: '删除', changed: '修改' };
const CHANGE_EN: Record<DiffChange, string> = { added: 'Added', removed: 'Removed', changed: 'Changed' };

/** How a node is named to a reader: its label, else what it reads, computes or fills. */
export function describeNode(n: MappingNode | undefined, fallbackId: string): { zh: string; en: string } {
  if (!n) return { zh: fallbackId, en: fallbackId };
  const named = (zh: string, en: string) => (n.label ? { zh: `${n.label}（${zh}）`, en: `${n.label} (${en})` } : { zh, en });
  switch (n.kind) {
    case 'source': {
      const what = n.field ?? n.meta ?? `${n.table}.${n.column}`;
      return named(`表单字段 ${what}`, `form field ${what}`);
    }
    case 'target':
      return named(n.line ? `分录 ${n.line} 的 ${n.field}` : `凭证头 ${n.field}`, n.line ? `${n.field} of line ${n.line}` : `voucher header ${n.field}`);
    case 'function':
      return named(`函数 ${n.fn}`, `function ${n.fn}`);
    case 'lookup':
      return named(`查表 ${n.table}`, `lookup in ${n.table}`);
    case 'constant':
      return named(`常量 ${show(n.value)}`, `constant ${show(n.value)}`);
    case 'expression':
      return named('表达式', 'expression');
    case 'check':
      return named(`校验「${n.message.zh ?? n.message.en ?? n.id}」`, `check "${n.message.en ?? n.message.zh ?? n.id}"`);
  }
}

const isGate = (n: MappingNode | undefined) => n?.kind === 'target' && (n.field === '$condition' || n.field === '$filter');

/** `structure` is passed in when the caller also paints the canvas from it (version-compare.ts): compared once. */
export function diffSpecs(before: MappingSpec, after: MappingSpec, structure: StructuralChanges = compareStructure(before, after)): DiffEntry[] {
  const out: DiffEntry[] = [];
  const nodesB = new Map(before.nodes.map((n) => [n.id, n]));
  const nodesA = new Map(after.nodes.map((n) => [n.id, n]));
  const lineOf = (n: MappingNode | undefined) => (n?.kind === 'target' ? n.line : undefined);

  // Nodes placed or removed, and parameters changed on nodes kept.
  for (const c of structure.nodes) {
    if (c.change !== 'changed') {
      out.push(nodeEntry(c.change, c.node));
      continue;
    }
    const d = describeNode(c.node, c.node.id);
    out.push({
      kind: c.node.kind === 'check' ? 'check' : 'parameter',
      change: 'changed',
      node: c.node.id,
      line: lineOf(c.node),
      field: c.field,
      before: c.before,
      after: c.after,
      text: { zh: `修改 ${d.zh} 的 ${c.field}：${show(c.before)} → ${show(c.after)}`, en: `Changed ${c.field} of ${d.en}: ${show(c.before)} → ${show(c.after)}` },
    });
  }

  // Links, by what they connect.
  const linkEntry = (change: 'added' | 'removed', e: Edge, nodes: Map<string, MappingNode>): DiffEntry => {
    const from = describeNode(nodes.get(e.from.node), e.from.node);
    const toNode = nodes.get(e.to.node);
    const to = describeNode(toNode, e.to.node);
    const port = (p?: string) => (p ? ` [${p}]` : '');
    return {
      kind: isGate(toNode) ? 'condition' : 'link',
      change,
      node: e.to.node,
      line: lineOf(toNode),
      before: change === 'removed' ? edgeKey(e) : undefined,
      after: change === 'added' ? edgeKey(e) : undefined,
      text: {
        zh: `${CHANGE_ZH[change]}连线：${from.zh}${port(e.from.port)} → ${to.zh}${port(e.to.port)}`,
        en: `${CHANGE_EN[change]} link: ${from.en}${port(e.from.port)} → ${to.en}${port(e.to.port)}`,
      },
    };
  };
  for (const c of structure.edges) out.push(linkEntry(c.change, c.edge, c.change === 'added' ? nodesA : nodesB));

  out.push(...diffLines(before.lines, after.lines));
  out.push(...diffSettings(before, after));
  return out;
}

function nodeEntry(change: DiffChange, n: MappingNode): DiffEntry {
  const d = describeNode(n, n.id);
  const kind: DiffKind = n.kind === 'check' ? 'check' : isGate(n) ? 'condition' : 'node';
  return {
    kind,
    change,
    node: n.id,
    line: n.kind === 'target' ? n.line : undefined,
    before: change === 'removed' ? parameters(n) : undefined,
    after: change === 'added' ? parameters(n) : undefined,
    text: { zh: `${CHANGE_ZH[change]}：${d.zh}`, en: `${CHANGE_EN[change]}: ${d.en}` },
  };
}

function lineName(l: LineTemplate): { zh: string; en: string } {
  return { zh: l.label?.zh ? `分录模板「${l.label.zh}」` : `分录模板 ${l.id}`, en: l.label?.en ? `line template "${l.label.en}"` : `line template ${l.id}` };
}

function repeatText(r: LineTemplate['repeat']) {
  return r === 'once' ? { zh: '一次', en: 'once' } : { zh: `明细表 ${r.table} 每行一次`, en: `once per row of ${r.table}` };
}

function diffLines(before: LineTemplate[], after: LineTemplate[]): DiffEntry[] {
  const out: DiffEntry[] = [];
  const b = new Map(before.map((l) => [l.id, l]));
  for (const l of after) {
    const old = b.get(l.id);
    const name = lineName(l);
    if (!old) {
      const r = repeatText(l.repeat);
      out.push({ kind: 'line', change: 'added', line: l.id, after: l, text: { zh: `新增${name.zh}（${r.zh}）`, en: `Added ${name.en} (${r.en})` } });
      continue;
    }
    for (const field of ['repeat', 'groupBy', 'label'] as const) {
      if (canonicalJson(old[field] ?? null) === canonicalJson(l[field] ?? null)) continue;
      const fmt = (v: unknown, lang: 'zh' | 'en') => (field === 'repeat' ? repeatText(v as LineTemplate['repeat'])[lang] : show(v));
      out.push({
        kind: 'line',
        change: 'changed',
        line: l.id,
        field,
        before: old[field],
        after: l[field],
        text: { zh: `修改${name.zh}的 ${field}：${fmt(old[field], 'zh')} → ${fmt(l[field], 'zh')}`, en: `Changed ${field} of ${name.en}: ${fmt(old[field], 'en')} → ${fmt(l[field], 'en')}` },
      });
    }
  }
  const a = new Set(after.map((l) => l.id));
  for (const l of before)
    if (!a.has(l.id)) {
      const name = lineName(l);
      out.push({ kind: 'line', change: 'removed', line: l.id, before: l, text: { zh: `删除${name.zh}`, en: `Removed ${name.en}` } });
    }
  return out;
}

/** Ledger settings (target options, format, chart of accounts) and which instances post (source). */
function diffSettings(before: MappingSpec, after: MappingSpec): DiffEntry[] {
  const out: DiffEntry[] = [];
  const setting = (kind: DiffKind, field: string, b: unknown, a: unknown, zh: string, en: string) => {
    if (canonicalJson(b ?? null) === canonicalJson(a ?? null)) return;
    const change: DiffChange = b === undefined ? 'added' : a === undefined ? 'removed' : 'changed';
    out.push({ kind, change, field, before: b, after: a, text: { zh: `${CHANGE_ZH[change]}${zh} ${field}：${show(b)} → ${show(a)}`, en: `${CHANGE_EN[change]} ${en} ${field}: ${show(b)} → ${show(a)}` } });
  };
  const ob = before.target.options ?? {};
  const oa = after.target.options ?? {};
  const settings = TARGET_OPTION_SETTINGS[after.target.format as TargetFormat] ?? [];
  for (const k of new Set([...Object.keys(ob), ...Object.keys(oa)])) {
    const label = settings.find((x) => x.key === k)?.label;
    const zh = label?.zh ? `账套设置「${label.zh}」` : '账套设置';
    const en = label?.en ? `ledger setting “${label.en}”` : 'ledger setting';
    const [b, a] = [ob[k], oa[k]];
    // A map (currencies, dimensions) is read entry by entry: "employee: FFLEX7 → FF100003", not two JSON dumps.
    if (isMap(b) && isMap(a)) {
      for (const entry of new Set([...Object.keys(b), ...Object.keys(a)])) setting('target_option', `${k}.${entry}`, b[entry], a[entry], zh, en);
    } else setting('target_option', k, b, a, zh, en);
  }
  setting('target_option', 'format', before.target.format, after.target.format, '目标格式', 'target');
  setting('target_option', 'chartOfAccounts', before.target.chartOfAccounts, after.target.chartOfAccounts, '科目表校验', 'chart of accounts check');
  setting('source', 'postOn', before.source.postOn, after.source.postOn, '入账的审批状态', 'statuses that post');
  setting('source', 'templateCode', before.source.templateCode, after.source.templateCode, '表单模板', 'form template');
  return out;
}
