/**
 * DingTalk (钉钉) approval instance. Two dialects of the same object:
 * - v1.0 `GET /v1.0/workflow/processInstances`: `{result:{…camelCase…}, success:"true"|true}`, times in UTC
 *   `yyyy-MM-ddTHH:mmZ` (minute precision);
 * - legacy `POST topapi/processinstance/get`: `{errcode, process_instance:{…snake_case…}}`, times as Beijing
 *   local `yyyy-MM-dd HH:mm:ss`.
 * Neither body carries the instance id or the process code (pass `templateCode` in options): the id comes
 * from options, else the tasks' `processInstanceId` / the `procInsId` in task URLs, else `businessId:<id>`.
 */
import type { DepartmentValue, FormRecord, InstanceStatus } from '../engine/form-record';
import { ComponentCtx, convertComponent, readComponent } from './dingtalk-fields';
import {
  FieldCollector,
  optionText,
  runNormalize,
  runTemplate,
  shape,
  Warnings,
  type Mode,
  type Parsed,
} from './lib/build';
import { hasOwn, idText, isObj, items, jsonNumberText, own, ownAny, safeJson, type Obj } from './lib/json';
import { parseInstantText } from './lib/time';
import { clip, textValue } from './lib/values';
import type { Connector, ConnectorOptions } from './types';

type Dialect = 'v1' | 'topapi';

function envelope(payload: unknown): { body: Obj; dialect: Dialect; root: string } {
  if (!isObj(payload)) shape('$', 'expected a JSON object (DingTalk approval instance response)');
  if (hasOwn(payload, 'EventType') || hasOwn(payload, 'eventType')) {
    shape('$', 'this is an approval event callback, not an instance: fetch the instance by its processInstanceId');
  }
  if (hasOwn(payload, 'process_instance')) {
    const errcode = own(payload, 'errcode');
    if (errcode !== undefined && (jsonNumberText(errcode) ?? errcode) !== '0') {
      shape('$.errcode', `DingTalk error ${clip(String(textValue(errcode)))}: ${clip(textValue(own(payload, 'errmsg')) ?? '')}`);
    }
    const body = own(payload, 'process_instance');
    if (!isObj(body)) shape('$.process_instance', 'expected an object');
    return { body, dialect: 'topapi', root: '$.process_instance' };
  }
  const success = own(payload, 'success');
  if (success === false || success === 'false') shape('$.success', 'DingTalk reported success: false');
  const body = own(payload, 'result');
  if (body === undefined) {
    const code = textValue(ownAny(payload, ['code', 'errcode']));
    const hint = code ? ` (DingTalk error ${clip(code)}: ${clip(textValue(ownAny(payload, ['message', 'errmsg'])) ?? '')})` : '';
    shape('$.result', `missing: neither a v1.0 "result" nor a topapi "process_instance"${hint}`);
  }
  if (!isObj(body)) shape('$.result', 'expected an object');
  return { body, dialect: 'v1', root: '$.result' };
}

const STATUS: Record<string, InstanceStatus> = {
  RUNNING: 'running',
  NEW: 'running',
  TERMINATED: 'withdrawn',
  CANCELED: 'withdrawn',
  DELETED: 'deleted',
};

function status(body: Obj, root: string, mode: Mode): { status: InstanceStatus; raw: string } {
  const s = own(body, 'status');
  const r = own(body, 'result');
  const result = typeof r === 'string' ? r : '';
  if (typeof s !== 'string' || s === '') {
    if (mode === 'template') return { status: 'running', raw: '' };
    shape(`${root}.status`, s === undefined ? 'missing: an approval instance must carry its status (RUNNING, COMPLETED, TERMINATED…)' : 'expected a status string such as "COMPLETED"');
  }
  const raw = result ? `${s}/${result}` : s;
  const upper = s.toUpperCase();
  if (upper === 'COMPLETED') {
    const res = result.toLowerCase();
    if (res === 'agree') return { status: 'approved', raw };
    if (res === 'refuse') return { status: 'rejected', raw };
    if (mode === 'template') return { status: 'running', raw };
    shape(`${root}.result`, `a COMPLETED instance needs result "agree" or "refuse", got ${r === undefined ? 'nothing' : JSON.stringify(clip(textValue(r) ?? ''))}`);
  }
  const mapped = Object.prototype.hasOwnProperty.call(STATUS, upper) ? STATUS[upper] : undefined;
  if (mapped) return { status: mapped, raw };
  if (mode === 'template') return { status: 'running', raw };
  shape(`${root}.status`, `unknown status "${clip(s)}"`);
}

/** Times: an ISO instant with Z/offset (v1.0) or a zone-less Beijing local time (topapi); both accepted. */
function time(body: Obj, keys: [string, string], root: string, required: boolean, mode: Mode): string | null {
  // keys[0] is the dialect's own spelling; the other one is tolerated.
  const key = !hasOwn(body, keys[0]) && hasOwn(body, keys[1]) ? keys[1] : keys[0];
  const raw = own(body, key);
  const path = `${root}.${key}`;
  if (raw === undefined || raw === null || raw === '') {
    if (required && mode === 'record') shape(path, 'missing: a finished instance must say when it finished');
    return null;
  }
  const iso = typeof raw === 'string' ? parseInstantText(raw) : null;
  if (iso === null && mode === 'record') {
    shape(path, `expected a time like "2025-03-15T08:40Z" or "2025-03-15 16:40:05", got ${clip(safeJson(raw))}`);
  }
  return iso;
}

function instanceIdOf(body: Obj, businessId: string): string {
  const direct = idText(ownAny(body, ['processInstanceId', 'process_instance_id', 'instanceId']));
  if (direct) return direct;
  for (const t of items(own(body, 'tasks')) ?? []) {
    const id = idText(ownAny(t, ['processInstanceId', 'process_instance_id']));
    if (id) return id;
    const url = textValue(ownAny(t, ['pcUrl', 'mobileUrl', 'url']));
    const m = url ? /[?&]procInsId=([^&#]+)/.exec(url) : null;
    if (m) return m[1];
  }
  return businessId ? `businessId:${businessId}` : '';
}

function departmentOf(id: string | undefined, name: string | null): DepartmentValue | null {
  if (!id && !name) return null;
  const d: DepartmentValue = {};
  if (id) d.id = id;
  if (name) d.name = name;
  return d;
}

function parse(payload: unknown, options: ConnectorOptions | undefined, mode: Mode): Parsed {
  const { body, dialect, root } = envelope(payload);
  const warnings = new Warnings();
  const st = status(body, root, mode);
  const finishKeys: [string, string] = dialect === 'v1' ? ['finishTime', 'finish_time'] : ['finish_time', 'finishTime'];
  const finishedAt = time(body, finishKeys, root, st.status !== 'running', mode);
  const submittedRaw = ownAny(body, ['createTime', 'create_time']);
  const submittedAt = typeof submittedRaw === 'string' ? parseInstantText(submittedRaw) : null;
  if (submittedAt === null && submittedRaw !== undefined && submittedRaw !== null && submittedRaw !== '') {
    warnings.add(`${root}.${dialect === 'v1' ? 'createTime' : 'create_time'}: not a time; submittedAt left empty`);
  }

  const listKey = dialect === 'v1' ? 'formComponentValues' : 'form_component_values';
  const listPath = `${root}.${listKey}`;
  const list = own(body, listKey);
  if (list === undefined) shape(listPath, 'missing: the instance has no form');
  if (!items(list)) shape(listPath, 'expected an array of form components');
  const fields = new FieldCollector(warnings);
  (list as unknown[]).forEach((raw, i) => {
    if (!isObj(raw)) shape(`${listPath}[${i}]`, 'expected a form component object');
    const c = readComponent(raw, '#', i + 1);
    if (c.id.startsWith('#') && c.id === `#${i + 1}`) warnings.add(`${listPath}[${i}]: component without id, kept as "${c.id}"`);
    const ctx = new ComponentCtx(fields.warn, c);
    fields.add(convertComponent(c, ctx, false), () => ctx.where);
  });

  const businessId = textValue(ownAny(body, ['businessId', 'business_id'])) ?? '';
  if (!businessId) warnings.add(`${root}.businessId: missing; oaReference left empty`);
  const userId = idText(ownAny(body, ['originatorUserId', 'originator_userid', 'originator_user_id']));
  const deptId = idText(ownAny(body, ['originatorDeptId', 'originator_dept_id']));
  const deptName = textValue(ownAny(body, ['originatorDeptName', 'originator_dept_name']));
  const title = textValue(own(body, 'title')) ?? '';
  const record: FormRecord = {
    oaSystem: 'dingtalk',
    instanceId: optionText(options, 'instanceId') ?? instanceIdOf(body, businessId),
    templateCode: idText(ownAny(body, ['processCode', 'process_code'])) ?? optionText(options, 'templateCode') ?? '',
    title,
    status: st.status,
    rawStatus: st.raw,
    applicant: userId ? { id: userId } : null,
    department: departmentOf(deptId, deptName),
    submittedAt,
    finishedAt,
    oaReference: businessId,
    fields: fields.set.cells,
    warnings: warnings.done(),
  };
  // The title reads "<applicant>提交的<form name>": the form name is the part after 提交的 (a template's name only).
  const templateName = mode === 'template' ? /提交的(.+)$/.exec(title)?.[1] ?? title : '';
  return { record, order: fields.set.order, columns: fields.columns, required: fields.required, templateName };
}

export const dingtalkConnector: Connector = {
  id: 'dingtalk',
  label: { zh: '钉钉审批', en: 'DingTalk approval' },
  normalize: (payload, options) => runNormalize(() => parse(payload, options, 'record')),
  inferTemplate: (payload, options) => runTemplate(() => parse(payload, options, 'template')),
};
