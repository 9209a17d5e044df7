/**
 * WeCom (企业微信) `POST /cgi-bin/oa/getapprovaldetail`: `{errcode, errmsg, info}`. There is no instance-level
 * finish time: it is the latest approver `sptime` (epoch seconds) of the approval nodes.
 */
import type { FormRecord, InstanceStatus } from '../engine/form-record';
import {
  describe,
  FieldCollector,
  optionText,
  runNormalize,
  runTemplate,
  shape,
  Warnings,
  type Mode,
  type Parsed,
} from './lib/build';
import { idText, isObj, items, jsonNumberText, own, safeJson, type Obj } from './lib/json';
import { parseEpoch } from './lib/time';
import { clip, textValue } from './lib/values';
import type { Connector, ConnectorOptions } from './types';
import { convertControl, readControl } from './wecom-controls';

/** 1 审批中, 2 已通过, 3 已驳回, 4 已撤销, 6 通过后撤销, 7 已删除, 10 已支付. */
const STATUS: Record<string, InstanceStatus> = {
  '1': 'running',
  '2': 'approved',
  '3': 'rejected',
  '4': 'withdrawn',
  '6': 'withdrawn',
  '7': 'deleted',
  '10': 'approved',
};

function envelope(payload: unknown): Obj {
  if (!isObj(payload)) shape('$', 'expected a JSON object (WeCom getapprovaldetail response)');
  const errcode = own(payload, 'errcode');
  if (errcode !== undefined && (jsonNumberText(errcode) ?? errcode) !== '0') {
    shape('$.errcode', `WeCom error ${clip(textValue(errcode) ?? '')}: ${clip(textValue(own(payload, 'errmsg')) ?? '')}`);
  }
  const info = own(payload, 'info');
  if (info === undefined) shape('$.info', 'missing: not an approval detail response');
  if (!isObj(info)) shape('$.info', 'expected an object');
  return info;
}

function status(info: Obj, mode: Mode): { status: InstanceStatus; raw: string } {
  const s = own(info, 'sp_status');
  const raw = typeof s === 'string' ? s : (jsonNumberText(s) ?? '');
  if (Object.prototype.hasOwnProperty.call(STATUS, raw.trim())) return { status: STATUS[raw.trim()], raw };
  if (mode === 'template') return { status: 'running', raw };
  if (s === undefined) shape('$.info.sp_status', 'missing: an approval must carry its sp_status (1 审批中, 2 已通过, 3 已驳回…)');
  shape('$.info.sp_status', `unknown status ${clip(safeJson(s))} (expected 1, 2, 3, 4, 6, 7 or 10)`);
}

/**
 * Latest `sptime` among `process_list.node_list[node_type = 1].sub_node_list[]` (approval nodes, not CC
 * nodes); without a process_list, among `sp_record[].details[]`. 0 means the approver has not acted.
 */
function latestSptime(info: Obj, mode: Mode): { iso: string | null; path: string } {
  const pl = own(info, 'process_list');
  const groups: { list: unknown; path: string }[] = [];
  let base: string;
  if (pl !== undefined && pl !== null) {
    base = '$.info.process_list.node_list';
    const nodes = items(own(pl, 'node_list'));
    if (!nodes && mode === 'record') shape(base, 'expected an array of nodes');
    (nodes ?? []).forEach((n, i) => {
      const t = own(n, 'node_type');
      if ((jsonNumberText(t) ?? t) === '1') groups.push({ list: own(n, 'sub_node_list'), path: `${base}[${i}].sub_node_list` });
    });
  } else {
    base = '$.info.sp_record';
    (items(own(info, 'sp_record')) ?? []).forEach((r, i) => groups.push({ list: own(r, 'details'), path: `${base}[${i}].details` }));
  }
  let best: { ms: number; iso: string } | null = null;
  for (const g of groups) {
    const subs = items(g.list) ?? [];
    for (let j = 0; j < subs.length; j++) {
      const raw = own(subs[j], 'sptime');
      const t = parseEpoch(raw, 's');
      if (!t.ok) {
        if (mode === 'record') shape(`${g.path}[${j}].sptime`, `expected epoch seconds, got ${clip(safeJson(raw))}`);
        continue;
      }
      if (t.iso === null) continue;
      const ms = Date.parse(t.iso);
      if (!best || ms > best.ms) best = { ms, iso: t.iso };
    }
  }
  return { iso: best?.iso ?? null, path: base };
}

function parse(payload: unknown, options: ConnectorOptions | undefined, mode: Mode): Parsed {
  const info = envelope(payload);
  const warnings = new Warnings();
  const st = status(info, mode);
  let finishedAt: string | null = null;
  if (st.status !== 'running') {
    const latest = latestSptime(info, mode);
    finishedAt = latest.iso;
    // Withdrawn/deleted instances may have no approver action at all: only decisions need a time.
    if (!finishedAt && (st.status === 'approved' || st.status === 'rejected') && mode === 'record') {
      shape(latest.path, 'no approver sptime: a decided instance must say when it was decided');
    }
  }
  const apply = parseEpoch(own(info, 'apply_time'), 's');
  if (!apply.ok) warnings.add('$.info.apply_time: not epoch seconds; submittedAt left empty');

  const applyData = own(info, 'apply_data');
  const list = own(applyData, 'contents');
  if (list === undefined) shape(isObj(applyData) ? '$.info.apply_data.contents' : '$.info.apply_data', 'missing: the instance has no form');
  if (!items(list)) shape('$.info.apply_data.contents', 'expected an array of controls');
  const fields = new FieldCollector(warnings);
  (list as unknown[]).forEach((raw, i) => {
    if (!isObj(raw)) shape(`$.info.apply_data.contents[${i}]`, 'expected a control object');
    const c = readControl(raw, `#${i + 1}`);
    const where = describe(c.label, c.id);
    if (c.id === `#${i + 1}`) warnings.add(`$.info.apply_data.contents[${i}]: control without id, kept as "${c.id}"`);
    fields.add(convertControl(c, { warn: (m) => warnings.add(m), where }, false), where);
  });

  const spNo = idText(own(info, 'sp_no')) ?? '';
  if (!spNo) warnings.add('$.info.sp_no: missing; instanceId and oaReference left empty');
  const applyer = own(info, 'applyer');
  const userId = idText(own(applyer, 'userid'));
  const partyId = idText(own(applyer, 'partyid'));
  const name = textValue(own(info, 'sp_name')) ?? '';
  const record: FormRecord = {
    oaSystem: 'wecom',
    instanceId: optionText(options, 'instanceId') ?? spNo,
    templateCode: idText(own(info, 'template_id')) ?? optionText(options, 'templateCode') ?? '',
    title: name,
    status: st.status,
    rawStatus: st.raw,
    applicant: userId ? { id: userId } : null,
    department: partyId ? { id: partyId } : null,
    submittedAt: apply.ok ? apply.iso : null,
    finishedAt,
    oaReference: spNo,
    fields: fields.set.cells,
    warnings: warnings.done(),
  };
  return { record, order: fields.set.order, columns: fields.columns, required: fields.required, templateName: name };
}

export const wecomConnector: Connector = {
  id: 'wecom',
  label: { zh: '企业微信审批', en: 'WeCom approval' },
  normalize: (payload, options) => runNormalize(() => parse(payload, options, 'record')),
  inferTemplate: (payload, options) => runTemplate(() => parse(payload, options, 'template')),
};
