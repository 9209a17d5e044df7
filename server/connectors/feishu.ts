/**
 * Feishu / Lark approval v4 `GET /open-apis/approval/v4/instances/:instance_id`: `{code, msg, data}`.
 * Quirks: `data.form` is a JSON *string*; instance times are epoch milliseconds as *strings* ("0"/"" = none).
 */
import type { FormRecord, InstanceStatus } from '../engine/form-record';
import { currencyOfForm } from './feishu-sums';
import { convertWidget, readWidget } from './feishu-widgets';
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
import { hasOwn, idText, isObj, items, jsonNumberText, own, parseJson, safeJson, type Obj } from './lib/json';
import { parseEpoch } from './lib/time';
import { clip, textValue } from './lib/values';
import type { Connector, ConnectorOptions } from './types';

const STATUS: Record<string, InstanceStatus> = {
  PENDING: 'running',
  APPROVED: 'approved',
  REJECTED: 'rejected',
  CANCELED: 'withdrawn',
  REVERTED: 'withdrawn',
  DELETED: 'deleted',
};

function envelope(payload: unknown): Obj {
  if (!isObj(payload)) shape('$', 'expected a JSON object (Feishu approval instance response)');
  if (own(payload, 'type') === 'event_callback' || hasOwn(payload, 'event') || hasOwn(payload, 'schema')) {
    shape('$', 'this is an approval event, not an instance: fetch the instance by its instance_code');
  }
  const code = own(payload, 'code');
  if (code !== undefined && (jsonNumberText(code) ?? code) !== '0') {
    shape('$.code', `Feishu error ${clip(textValue(code) ?? '')}: ${clip(textValue(own(payload, 'msg')) ?? '')}`);
  }
  const data = own(payload, 'data');
  if (data === undefined) shape('$.data', 'missing: not an approval instance response');
  if (!isObj(data)) shape('$.data', 'expected an object');
  return data;
}

function status(data: Obj, mode: Mode): { status: InstanceStatus; raw: string } {
  const s = own(data, 'status');
  if (typeof s !== 'string' || s === '') {
    if (mode === 'template') return { status: 'running', raw: '' };
    shape('$.data.status', s === undefined ? 'missing: an approval instance must carry its status (PENDING, APPROVED, REJECTED…)' : 'expected a status string such as "APPROVED"');
  }
  const upper = s.toUpperCase();
  if (Object.prototype.hasOwnProperty.call(STATUS, upper)) return { status: STATUS[upper], raw: s };
  if (mode === 'template') return { status: 'running', raw: s };
  shape('$.data.status', `unknown status "${clip(s)}"`);
}

function parse(payload: unknown, options: ConnectorOptions | undefined, mode: Mode): Parsed {
  const data = envelope(payload);
  const warnings = new Warnings();
  const st = status(data, mode);

  const end = parseEpoch(own(data, 'end_time'), 'ms');
  if (!end.ok && mode === 'record') shape('$.data.end_time', `expected epoch milliseconds as a string, got ${clip(safeJson(own(data, 'end_time')))}`);
  const finishedAt = end.ok ? end.iso : null;
  if (finishedAt === null && st.status !== 'running' && mode === 'record') {
    shape('$.data.end_time', 'missing: a finished instance must say when it finished');
  }
  const start = parseEpoch(own(data, 'start_time'), 'ms');
  if (!start.ok) warnings.add('$.data.start_time: not epoch milliseconds; submittedAt left empty');

  const formText = own(data, 'form');
  if (formText === undefined) shape('$.data.form', 'missing: the instance has no form');
  if (typeof formText !== 'string') shape('$.data.form', 'expected the form as a JSON string (Feishu encodes it as text)');
  // Parsed here, losslessly like the payload: amounts in it are JSON numbers (1280, 105.69).
  const parsed = parseJson(formText);
  if (!parsed.ok) shape('$.data.form', `not JSON: ${parsed.reason} at position ${parsed.position}`);
  const list = items(parsed.value);
  if (!list) shape('$.data.form', 'expected a JSON array of widgets');

  const fields = new FieldCollector(warnings);
  const formCurrency = currencyOfForm(list);
  list.forEach((raw, i) => {
    if (!isObj(raw)) shape(`$.data.form[${i}]`, 'expected a widget object');
    const w = readWidget(raw, `#${i + 1}`);
    const where = describe(w.label, w.id);
    if (w.id === `#${i + 1}`) warnings.add(`$.data.form[${i}]: widget without id, kept as "${w.id}"`);
    fields.add(convertWidget(w, { warn: (m) => warnings.add(m), where, formCurrency }, false), where);
  });

  const serial = textValue(own(data, 'serial_number')) ?? '';
  if (!serial) warnings.add('$.data.serial_number: missing; oaReference left empty');
  const userId = idText(own(data, 'user_id')) ?? idText(own(data, 'open_id'));
  const deptId = idText(own(data, 'department_id'));
  const name = textValue(own(data, 'approval_name')) ?? '';
  const record: FormRecord = {
    oaSystem: 'feishu',
    instanceId:
      optionText(options, 'instanceId') ?? idText(own(data, 'instance_code')) ?? idText(own(data, 'uuid')) ?? serial,
    templateCode: idText(own(data, 'approval_code')) ?? optionText(options, 'templateCode') ?? '',
    title: name,
    status: st.status,
    rawStatus: st.raw,
    applicant: userId ? { id: userId } : null,
    department: deptId ? { id: deptId } : null,
    submittedAt: start.ok ? start.iso : null,
    finishedAt,
    oaReference: serial,
    fields: fields.set.cells,
    warnings: warnings.done(),
  };
  return { record, order: fields.set.order, columns: fields.columns, required: fields.required, templateName: name };
}

export const feishuConnector: Connector = {
  id: 'feishu',
  label: { zh: '飞书审批', en: 'Feishu / Lark approval' },
  normalize: (payload, options) => runNormalize(() => parse(payload, options, 'record')),
  inferTemplate: (payload, options) => runTemplate(() => parse(payload, options, 'template')),
};
