'use client';

import { Checkbox, Form, Input, Radio, Select } from 'antd';
import type { FormTemplate } from '#server/engine/form-record';
import type { MappingSpec } from '#server/engine/spec';
import type { LookupTableData } from '#server/engine/types';
import type { TargetField } from '#server/engine/voucher';
import type { ExpenseRecipe, KeyedLookup, PayableRecipe, TaxSplitRecipe } from '../../../../../_canvas/recipes';
import { useI18n } from '../../../../../_i18n/client';
import type { Messages } from '../../../../../_i18n/messages';
import { ColumnPick, FieldPick, TableColumnPick, tableField } from './recipe-fields';

/** The three recipe forms: every control starts at the recipe's guess; Apply (in the drawer) builds from what is shown. */

interface Common {
  template: FormTemplate;
  tables: Record<string, LookupTableData>;
}

type FormKey = keyof Messages['editor']['recipes']['form'];

const firstTable = (tables: Record<string, LookupTableData>) => Object.keys(tables)[0] ?? '';

export function ExpenseForm({ value: r, onChange, template, tables }: Common & { value: ExpenseRecipe; onChange: (r: ExpenseRecipe) => void }) {
  const { t } = useI18n();
  const k = (key: FormKey) => t(`editor.recipes.form.${key}`);
  const table = tableField(template, r.table);
  const set = (patch: Partial<ExpenseRecipe>) => onChange({ ...r, ...patch });
  const account = r.account ?? { column: '', port: 'text', table: firstTable(tables), keyColumn: '', result: '' };
  const dept = r.department;
  return (
    <Form layout="vertical" size="small">
      <FieldPick label={k('table')} template={template} types={['table']} value={r.table} onChange={(v) => v && set({ table: v })} testId="recipe-table" />
      <ColumnPick label={k('amount')} table={table} types={['money', 'number']} value={r.amountColumn} onChange={(v) => v && set({ amountColumn: v })} testId="recipe-amount" />
      <ColumnPick label={k('tax')} table={table} types={['money', 'number']} value={r.taxColumn} onChange={(v) => set({ taxColumn: v })} optional testId="recipe-tax" />
      <ColumnPick label={k('accountFrom')} table={table} types={['option', 'text']} value={r.account?.column} onChange={(v) => set({ account: v ? { ...account, column: v, port: table?.columns?.find((c) => c.id === v)?.type === 'option' ? 'text' : 'value' } : null })} optional />
      {r.account && (
        <>
          <TableColumnPick label={k('lookupKey')} tables={tables} table={account.table} column={account.keyColumn} onTable={(v) => set({ account: { ...account, table: v } })} onColumn={(v) => set({ account: { ...account, keyColumn: v ?? '' } })} />
          <TableColumnPick label={k('lookupResult')} tables={tables} table={account.table} column={account.result} onColumn={(v) => set({ account: { ...account, result: v ?? '' } })} />
        </>
      )}
      <FieldPick label={k('department')} template={template} types={['department']} value={dept?.field} optional
        onChange={(v) => set({ department: v ? { field: v, port: dept?.port ?? 'id', table: dept?.table ?? firstTable(tables), keyColumn: dept?.keyColumn ?? '', prefixColumn: dept?.prefixColumn ?? null, codeColumn: dept?.codeColumn ?? null } : null })} />
      {dept && (
        <>
          <TableColumnPick label={k('lookupKey')} tables={tables} table={dept.table} column={dept.keyColumn} onTable={(v) => set({ department: { ...dept, table: v } })} onColumn={(v) => set({ department: { ...dept, keyColumn: v ?? '' } })} />
          <TableColumnPick label={k('prefix')} tables={tables} table={dept.table} column={dept.prefixColumn} optional onColumn={(v) => set({ department: { ...dept, prefixColumn: v } })} />
          <TableColumnPick label={k('deptDimension')} tables={tables} table={dept.table} column={dept.codeColumn} optional onColumn={(v) => set({ department: { ...dept, codeColumn: v } })} />
        </>
      )}
      <ColumnPick label={k('description')} table={table} types={['text']} value={r.descriptionColumn} onChange={(v) => set({ descriptionColumn: v })} optional />
      <ClaimantPick value={r.claimant} onChange={(claimant) => set({ claimant })} template={template} tables={tables} />
      {r.taxColumn && (
        <Form.Item label={k('vatAccount')} style={{ marginBottom: 8 }}>
          <Input aria-label={k('vatAccount')} value={r.vatAccount} onChange={(e) => set({ vatAccount: e.target.value })} />
        </Form.Item>
      )}
      <Form.Item style={{ marginBottom: 8 }} extra={k('checksHelp')}>
        <Checkbox checked={!!r.checks} onChange={(e) => set({ checks: e.target.checked ? { totalField: r.checks?.totalField ?? null } : null })} data-testid="recipe-checks">
          {k('checks')}
        </Checkbox>
      </Form.Item>
      {r.checks && (
        <FieldPick label={k('checksTotal')} template={template} types={['money', 'number']} value={r.checks.totalField} optional onChange={(v) => set({ checks: { totalField: v ?? null } })} />
      )}
    </Form>
  );
}

function ClaimantPick({ value: c, onChange, template, tables }: Common & { value: KeyedLookup | null; onChange: (c: KeyedLookup | null) => void }) {
  const { t } = useI18n();
  const k = (key: FormKey) => t(`editor.recipes.form.${key}`);
  return (
    <>
      <FieldPick label={k('claimant')} template={template} types={['person']} value={c?.field} optional
        onChange={(v) => onChange(v ? { field: v, port: c?.port ?? 'id', table: c?.table ?? firstTable(tables), keyColumn: c?.keyColumn ?? '', columns: c?.columns ?? [null, null] } : null)} />
      {c && (
        <>
          <TableColumnPick label={k('lookupKey')} tables={tables} table={c.table} column={c.keyColumn} onTable={(v) => onChange({ ...c, table: v })} onColumn={(v) => onChange({ ...c, keyColumn: v ?? '' })} />
          <TableColumnPick label={k('employeeCode')} tables={tables} table={c.table} column={c.columns[0]} optional onColumn={(v) => onChange({ ...c, columns: [v, c.columns[1]] })} />
          <TableColumnPick label={k('employeeName')} tables={tables} table={c.table} column={c.columns[1]} optional onColumn={(v) => onChange({ ...c, columns: [c.columns[0], v] })} />
        </>
      )}
    </>
  );
}

export function PayableForm({ value: r, onChange, template, tables }: Common & { value: PayableRecipe; onChange: (r: PayableRecipe) => void }) {
  const { t } = useI18n();
  const k = (key: FormKey) => t(`editor.recipes.form.${key}`);
  const set = (patch: Partial<PayableRecipe>) => onChange({ ...r, ...patch });
  return (
    <Form layout="vertical" size="small">
      <FieldPick label={k('total')} template={template} types={['money', 'number']} value={r.totalField} onChange={(v) => v && set({ totalField: v })} testId="recipe-total" />
      <Form.Item label={k('payableAccount')} style={{ marginBottom: 8 }}>
        <Input aria-label={k('payableAccount')} value={r.account} onChange={(e) => set({ account: e.target.value })} />
      </Form.Item>
      <ClaimantPick value={r.claimant} onChange={(claimant) => set({ claimant })} template={template} tables={tables} />
      <Checkbox checked={r.withReference} onChange={(e) => set({ withReference: e.target.checked })}>{k('withReference')}</Checkbox>
    </Form>
  );
}

/** Where net and tax go: a money field of a line whose rows the gross belongs to (or any once line for a header amount). */
export function TaxSplitForm({ value: r, onChange, template, spec, targetFields }: Omit<Common, 'tables'> & { value: TaxSplitRecipe; onChange: (r: TaxSplitRecipe) => void; spec: MappingSpec; targetFields: readonly TargetField[] }) {
  const { t, label } = useI18n();
  const k = (key: FormKey) => t(`editor.recipes.form.${key}`);
  const set = (patch: Partial<TaxSplitRecipe>) => onChange({ ...r, ...patch });
  const grossKey = r.gross.table ? `${r.gross.table}/${r.gross.column}` : (r.gross.field ?? '');
  const grossOptions = template.fields.flatMap((f) =>
    f.type === 'table'
      ? (f.columns ?? []).filter((c) => c.type === 'money').map((c) => ({ value: `${f.id}/${c.id}`, label: `${label(f.label)} · ${label(c.label)}` }))
      : f.type === 'money' ? [{ value: f.id, label: label(f.label) ?? f.id }] : [],
  );
  const toRef = (key: string) => (key.includes('/') ? { table: key.split('/')[0], column: key.split('/')[1] } : { field: key });
  const lines = spec.lines.filter((l) => (r.gross.table ? l.repeat !== 'once' && l.repeat.table === r.gross.table : l.repeat === 'once'));
  const money = targetFields.filter((f) => f.group === 'line' && f.type === 'money');
  const targets = [{ value: '', label: k('nowhere') }, ...lines.flatMap((l) => money.map((f) => ({ value: `${l.id}|${f.id}`, label: `${label(l.label) ?? l.id} · ${label(f.label)}` })))];
  const toTarget = (v: string) => (v ? { line: v.split('|')[0], field: v.split('|')[1] } : null);
  const sameTable = (o: { value: string }) => (r.gross.table ? o.value.startsWith(`${r.gross.table}/`) : !o.value.includes('/'));
  return (
    <Form layout="vertical" size="small">
      <Form.Item label={k('gross')} style={{ marginBottom: 8 }}>
        <Select aria-label={k('gross')} value={grossKey} options={grossOptions} onChange={(v: string) => set({ gross: toRef(v), net: null, taxTo: null, ...(r.tax.kind === 'amount' ? { tax: { kind: 'rate', rate: '0.06' } } : {}) })} />
      </Form.Item>
      <Radio.Group value={r.tax.kind} style={{ marginBottom: 8 }} onChange={(e) => set({ tax: e.target.value === 'rate' ? { kind: 'rate', rate: '0.06' } : { kind: 'amount', at: toRef(grossOptions.find((o) => sameTable(o) && o.value !== grossKey)?.value ?? grossKey) } })}>
        <Radio value="rate">{k('byRate')}</Radio>
        <Radio value="amount">{k('byAmount')}</Radio>
      </Radio.Group>
      {r.tax.kind === 'rate' ? (
        <Form.Item label={k('rate')} help={k('rateHelp')} style={{ marginBottom: 8 }}>
          <Input aria-label={k('rate')} value={r.tax.rate} onChange={(e) => set({ tax: { kind: 'rate', rate: e.target.value.trim() } })} />
        </Form.Item>
      ) : (
        <Form.Item label={k('taxAmount')} style={{ marginBottom: 8 }}>
          <Select aria-label={k('taxAmount')} value={r.tax.at.table ? `${r.tax.at.table}/${r.tax.at.column}` : r.tax.at.field} options={grossOptions.filter(sameTable)} onChange={(v: string) => set({ tax: { kind: 'amount', at: toRef(v) } })} />
        </Form.Item>
      )}
      <Form.Item label={k('netTo')} style={{ marginBottom: 8 }}>
        <Select aria-label={k('netTo')} value={r.net ? `${r.net.line}|${r.net.field}` : ''} options={targets} onChange={(v: string) => set({ net: toTarget(v) })} />
      </Form.Item>
      <Form.Item label={k('taxTo')} style={{ marginBottom: 8 }}>
        <Select aria-label={k('taxTo')} value={r.taxTo ? `${r.taxTo.line}|${r.taxTo.field}` : ''} options={targets} onChange={(v: string) => set({ taxTo: toTarget(v) })} />
      </Form.Item>
    </Form>
  );
}
