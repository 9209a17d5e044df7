'use client';

import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { Labels } from '#server/engine/form-record';
import { KINGDEE_DIMENSION_FIELD } from '#server/ledgers/options';
import { useI18n } from '../../../../../_i18n/client';

/**
 * Editable tables for the two map-shaped ledger settings: ISO currency → the ledger's currency number, and voucher
 * dimension → Kingdee flex field and base-data form. Each edit hands the whole new map back: the ledger uses a
 * map as given, never merged over its default, so what the table shows is exactly what is sent.
 */

const ISO = /^[A-Z]{3}$/;
const cell = { size: 'small' as const, style: { width: '100%' } };

/** ISO currency code → the ledger's number (Kingdee PRE001) or name (U8 美元): `byName` says which. */
export function CurrencyMapEditor({ name, value, byName, onChange }: { name: string; value: Record<string, unknown>; byName: boolean; onChange: (next: Record<string, unknown>) => void }) {
  const { t } = useI18n();
  const ledgerColumn = byName ? t('editor.settings.currencyName') : t('editor.settings.currencyCode');
  const [iso, setIso] = useState('');
  const [code, setCode] = useState('');
  const rows = Object.entries(value).map(([currency, number]) => ({ currency, number }));
  const taken = Object.hasOwn(value, iso);
  const add = () => {
    onChange({ ...value, [iso]: code.trim() });
    setIso('');
    setCode('');
  };
  const columns: TableColumnsType<(typeof rows)[number]> = [
    { title: t('editor.settings.currencyIso'), dataIndex: 'currency', width: 96, render: (c: string) => <Typography.Text className="mono">{c}</Typography.Text> },
    {
      title: ledgerColumn,
      key: 'number',
      render: (_, r) => (
        <Input
          {...cell}
          className="mono"
          aria-label={`${name} ${r.currency}`}
          value={typeof r.number === 'string' ? r.number : JSON.stringify(r.number)}
          onChange={(e) => onChange({ ...value, [r.currency]: e.target.value })}
        />
      ),
    },
    { key: 'remove', width: 40, render: (_, r) => <RemoveButton onClick={() => onChange(without(value, r.currency))} what={`${name} ${r.currency}`} /> },
  ];
  return (
    <div>
      <Table size="small" rowKey="currency" tableLayout="fixed" pagination={false} columns={columns} dataSource={rows} locale={{ emptyText: t('editor.settings.emptyMap') }} />
      <Space.Compact style={{ width: '100%', marginTop: 6 }}>
        <Input
          size="small"
          className="mono"
          style={{ width: 110 }}
          maxLength={3}
          aria-label={`${name}: ${t('editor.settings.currencyIso')}`}
          placeholder={t('editor.settings.currencyNew')}
          value={iso}
          status={taken ? 'error' : undefined}
          title={taken ? t('editor.settings.currencyExists', { currency: iso }) : undefined}
          // ISO codes are capitals; typing "usd" is what people do.
          onChange={(e) => setIso(e.target.value.toUpperCase().replace(/[^A-Z]/g, ''))}
        />
        <Input size="small" className="mono" aria-label={`${name}: ${ledgerColumn}`} placeholder={ledgerColumn} value={code} onChange={(e) => setCode(e.target.value)} onPressEnter={() => ISO.test(iso) && !taken && code.trim() && add()} />
        <Button size="small" icon={<PlusOutlined />} disabled={!ISO.test(iso) || taken || !code.trim()} onClick={add}>
          {t('editor.settings.add')}
        </Button>
      </Space.Compact>
    </div>
  );
}

type FormChoice = { formId: string; label: Labels };

/** Voucher dimension → `{ field: FFLEX4…FFLEX13 | FF1000xx, formId }`. */
export function DimensionMapEditor({
  name,
  value,
  dimensions,
  formIds,
  dimensionName,
  onChange,
}: {
  name: string;
  value: Record<string, unknown>;
  dimensions: readonly string[];
  formIds: readonly FormChoice[];
  dimensionName: (id: string) => string;
  onChange: (next: Record<string, unknown>) => void;
}) {
  const { t, label } = useI18n();
  const [draft, setDraft] = useState<{ dimension?: string; field: string; formId: string }>({ field: '', formId: '' });
  const rows = Object.entries(value).map(([dimension, target]) => {
    const t = target && typeof target === 'object' ? (target as Record<string, unknown>) : {};
    return { dimension, field: typeof t.field === 'string' ? t.field : '', formId: typeof t.formId === 'string' ? t.formId : '' };
  });
  // The preset flex fields, each with the dimension already written to it, so a clash is seen before it is made.
  const usedBy = new Map(rows.map((r) => [r.field, r.dimension]));
  const fieldOptions = Array.from({ length: 10 }, (_, i) => `FFLEX${i + 4}`).map((f) => ({ value: f, label: usedBy.has(f) ? `${f} · ${dimensionName(usedBy.get(f)!)}` : f }));
  const formOptions = formIds.map((f) => ({ value: f.formId, label: `${f.formId} ${label(f.label) ?? ''}` }));
  const edit = (dimension: string, patch: Partial<{ field: string; formId: string }>) => {
    const row = rows.find((r) => r.dimension === dimension)!;
    onChange({ ...value, [dimension]: { field: row.field, formId: row.formId, ...patch } });
  };
  const free = dimensions.filter((d) => !Object.hasOwn(value, d));
  const ready = !!draft.dimension && KINGDEE_DIMENSION_FIELD.test(draft.field) && draft.formId.trim() !== '';
  const add = () => {
    onChange({ ...value, [draft.dimension!]: { field: draft.field, formId: draft.formId.trim() } });
    setDraft({ field: '', formId: '' });
  };
  const upper = (s: string) => s.toUpperCase().replace(/\s/g, '');
  const columns: TableColumnsType<(typeof rows)[number]> = [
    { title: t('editor.settings.dimension'), dataIndex: 'dimension', width: 104, ellipsis: true, render: (d: string) => dimensionName(d) },
    {
      title: t('editor.settings.flexField'),
      key: 'field',
      width: 112,
      render: (_, r) => (
        <AutoComplete {...cell} className="mono" aria-label={`${name} ${dimensionName(r.dimension)} ${t('editor.settings.flexField')}`} value={r.field} options={fieldOptions} onChange={(f: string) => edit(r.dimension, { field: upper(f) })} />
      ),
    },
    {
      title: t('editor.settings.formId'),
      key: 'formId',
      render: (_, r) => (
        <AutoComplete {...cell} className="mono" aria-label={`${name} ${dimensionName(r.dimension)} ${t('editor.settings.formId')}`} value={r.formId} options={formOptions} onChange={(f: string) => edit(r.dimension, { formId: f.trim() })} />
      ),
    },
    { key: 'remove', width: 40, render: (_, r) => <RemoveButton onClick={() => onChange(without(value, r.dimension))} what={`${name} ${dimensionName(r.dimension)}`} /> },
  ];
  return (
    <div>
      <Table size="small" rowKey="dimension" tableLayout="fixed" pagination={false} columns={columns} dataSource={rows} locale={{ emptyText: t('editor.settings.emptyMap') }} />
      {free.length > 0 && (
        <Space.Compact style={{ width: '100%', marginTop: 6 }}>
          <Select
            size="small"
            style={{ width: 130 }}
            aria-label={`${name}: ${t('editor.settings.dimension')}`}
            placeholder={t('editor.settings.dimensionPick')}
            value={draft.dimension}
            options={free.map((d) => ({ value: d, label: dimensionName(d) }))}
            onChange={(dimension: string) => setDraft((d) => ({ ...d, dimension }))}
          />
          <AutoComplete size="small" className="mono" style={{ width: 110 }} aria-label={`${name}: ${t('editor.settings.flexField')}`} placeholder="FFLEX8" value={draft.field} options={fieldOptions} onChange={(f: string) => setDraft((d) => ({ ...d, field: upper(f) }))} />
          <AutoComplete size="small" className="mono" style={{ flex: 1 }} aria-label={`${name}: ${t('editor.settings.formId')}`} placeholder="BD_Expense" value={draft.formId} options={formOptions} onChange={(f: string) => setDraft((d) => ({ ...d, formId: f }))} />
          <Button size="small" icon={<PlusOutlined />} disabled={!ready} onClick={add}>
            {t('editor.settings.add')}
          </Button>
        </Space.Compact>
      )}
    </div>
  );
}

function RemoveButton({ onClick, what }: { onClick: () => void; what: string }) {
  const { t } = useI18n();
  return <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${t('editor.settings.remove')} ${what}`} title={t('editor.settings.remove')} onClick={onClick} />;
}

function without(map: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _gone, ...rest } = map;
  return rest;
}
