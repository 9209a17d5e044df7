'use client';

import { Form, Select } from 'antd';
import type { ReactNode } from 'react';
import type { FieldType, FormTemplate, TemplateField } from '#server/engine/form-record';
import type { LookupTableData } from '#server/engine/types';
import { useI18n } from '../../../../../_i18n/client';

/** The small pickers every recipe form is made of: a form field, a column of a detail table, a lookup table's column. */

const item = (label: string, control: ReactNode, testId?: string) => (
  <Form.Item label={label} style={{ marginBottom: 8 }} data-testid={testId}>
    {control}
  </Form.Item>
);

export function FieldPick({ label, template, types, value, onChange, optional, testId }: {
  label: string;
  template: FormTemplate;
  types: FieldType[];
  value: string | null | undefined;
  onChange: (id: string | null) => void;
  optional?: boolean;
  testId?: string;
}) {
  const { label: name } = useI18n();
  const options = template.fields.filter((f) => types.includes(f.type)).map((f) => ({ value: f.id, label: name(f.label) ?? f.id }));
  return item(label, <Select aria-label={label} size="small" allowClear={optional} value={value ?? undefined} options={options} onChange={(v?: string) => onChange(v ?? null)} />, testId);
}

export function ColumnPick({ label, table, types, value, onChange, optional, testId }: {
  label: string;
  table: TemplateField | undefined;
  types?: FieldType[];
  value: string | null | undefined;
  onChange: (id: string | null) => void;
  optional?: boolean;
  testId?: string;
}) {
  const { label: name } = useI18n();
  const options = (table?.columns ?? []).filter((c) => !types || types.includes(c.type)).map((c) => ({ value: c.id, label: name(c.label) ?? c.id }));
  return item(label, <Select aria-label={label} size="small" allowClear={optional} value={value ?? undefined} options={options} onChange={(v?: string) => onChange(v ?? null)} />, testId);
}

/** A lookup table and one of its columns, side by side (table names and column names are what analysts gave them). */
export function TableColumnPick({ label, tables, table, column, onTable, onColumn, optional }: {
  label: string;
  tables: Record<string, LookupTableData>;
  table: string;
  column: string | null | undefined;
  onTable?: (table: string) => void;
  onColumn: (column: string | null) => void;
  optional?: boolean;
}) {
  const columns = (tables[table]?.columns ?? []).map((c) => ({ value: c, label: c }));
  return item(
    label,
    <div style={{ display: 'flex', gap: 6 }}>
      {onTable && (
        <Select aria-label={`${label} · table`} size="small" style={{ flex: 1 }} value={table} options={Object.keys(tables).map((t) => ({ value: t, label: t }))} onChange={(v: string) => onTable(v)} />
      )}
      <Select aria-label={label} size="small" style={{ flex: 1 }} allowClear={optional} value={column ?? undefined} options={columns} onChange={(v?: string) => onColumn(v ?? null)} />
    </div>,
  );
}

/** A table field of the template by id, with its columns. */
export const tableField = (template: FormTemplate, id: string | undefined) => template.fields.find((f) => f.id === id && f.type === 'table');
