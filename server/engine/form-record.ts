/**
 * FormRecord: the one shape every OA connector normalises a payload into, and the only input the engine reads.
 * Ids are stable, labels are not: mappings refer to field ids and only show labels.
 */

/**
 * The OA systems Ledgerlink reads, declared once: the spec's connector, the API inputs, the CLI, the seed manifest
 * and the studio's OA tags all derive from this list. A system joins it with its connector (server/connectors).
 */
export const OA_SYSTEMS = ['dingtalk', 'feishu', 'wecom', 'generic'] as const;
export type OaSystem = (typeof OA_SYSTEMS)[number];

/** Normalised lifecycle of an approval instance; the vendor's own code is kept beside it as `rawStatus`. */
export type InstanceStatus = 'approved' | 'rejected' | 'running' | 'withdrawn' | 'deleted';

export interface Labels {
  zh?: string;
  en?: string;
}

export type FieldType =
  | 'text'
  | 'number'
  | 'money'
  | 'date'
  | 'datetime'
  | 'option'
  | 'options'
  | 'person'
  | 'department'
  | 'attachment'
  | 'table'
  | 'unknown';

export interface OptionValue {
  key?: string;
  text: string;
}
export interface PersonValue {
  id: string;
  name?: string;
}
export interface DepartmentValue {
  id?: string;
  name?: string;
}
export interface AttachmentValue {
  id?: string;
  name?: string;
  url?: string;
}

/**
 * Value shapes by type: text/unknown → string; number/money → decimal string exactly as sent ("1234.5",
 * every digit of a JSON number such as 12345678901234567.89); date → YYYY-MM-DD; datetime → ISO 8601 with
 * offset; option → OptionValue; options → OptionValue[]; person → PersonValue[]; department →
 * DepartmentValue[]; attachment → AttachmentValue[]; table → TableRow[]; empty → null.
 * Multi-valued types (options, person, department, attachment) hold every value the OA system sent: a
 * DingTalk department "市场部,销售部" is two departments; connectors never keep only the first.
 */
export type FieldValue =
  | string
  | OptionValue
  | OptionValue[]
  | PersonValue[]
  | DepartmentValue[]
  | AttachmentValue[]
  | TableRow[]
  | null;

export interface FormCell {
  label: Labels;
  type: FieldType;
  value: FieldValue;
  /**
   * Money cells only: the amount's currency, ISO 4217 upper case ("CNY", "USD", "JPY"). Set on every money
   * cell: from the OA system when it says (Feishu's amount widget `ext.currency`, its table sums'
   * `sumItems`), else "CNY" for systems whose money controls carry no currency (DingTalk, WeCom). A money
   * cell without it (a Feishu formula over amounts in several currencies) has no known currency.
   */
  currency?: string;
}

/** A detail-table row: column id → cell. Null-prototype object so hostile ids like `__proto__` stay plain keys. */
export type TableRow = Record<string, FormCell>;

export interface FormRecord {
  oaSystem: OaSystem;
  instanceId: string;
  templateCode: string;
  title: string;
  status: InstanceStatus;
  rawStatus: string;
  applicant: PersonValue | null;
  department: DepartmentValue | null;
  /** ISO 8601 with offset, or null when the OA system does not say. */
  submittedAt: string | null;
  finishedAt: string | null;
  /** The number people quote for the instance (DingTalk businessId, Feishu serial_number, WeCom sp_no). */
  oaReference: string;
  /** Field id → cell. Null-prototype object. */
  fields: Record<string, FormCell>;
  /** Things the connector kept but could not fully understand (unknown control types…). */
  warnings: string[];
}

/** The record-level values a mapping may read, besides form fields. */
export const RECORD_META = {
  instanceId: 'text',
  templateCode: 'text',
  title: 'text',
  status: 'text',
  rawStatus: 'text',
  applicantId: 'text',
  applicantName: 'text',
  departmentId: 'text',
  departmentName: 'text',
  submittedAt: 'datetime',
  finishedAt: 'datetime',
  oaReference: 'text',
} as const;
export type RecordMetaKey = keyof typeof RECORD_META;

export interface TemplateField {
  id: string;
  label: Labels;
  type: FieldType;
  required: boolean;
  /** For a table: its columns (never nested further). */
  columns?: TemplateField[];
}

/** FormTemplate: what the studio's source tree shows; inferred from a sample by the connector, then editable. */
export interface FormTemplate {
  oaSystem: OaSystem;
  templateCode: string;
  name: string;
  fields: TemplateField[];
}

/** A dictionary safe against `__proto__` and friends as keys. */
export function emptyDict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
