'use client';

import { Collapse, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../../../../_i18n/client';
import { withRowIdentity } from './row-identity';
import type { PreviewResult } from '../../../../../_trpc/types';
import { useFieldName } from './field-name';
import { TARGET_OPTION_SETTINGS } from '#server/ledgers/options-settings';

type Trace = PreviewResult['trace'][number];

const PAGE = 50;

/**
 * For each value in the voucher: where it lands, which OA fields (and rows) fed it, through which nodes. With
 * `onPick` (the editor) a row is clickable, so the canvas can light up what produced that value.
 */
export function ValueTrace({ trace, onPick, defaultOpen }: { trace: Trace[]; onPick?: (entry: Trace) => void; defaultOpen?: boolean }) {
  const { t, label, locale } = useI18n();
  const fieldName = useFieldName();
  // Rows keyed by the voucher value they trace, not their position: a link adds a value in the middle of the list,
  // and only its row then renders, where position keys would hand every later row a new entry.
  const keys = useMemo(() => {
    const used = new Set<string>();
    return new Map(
      trace.map((e, i) => {
        const key = used.has(e.target) ? `${e.target}#${i}` : e.target;
        used.add(key);
        return [e, key] as const;
      }),
    );
  }, [trace]);
  const columns: TableColumnsType<Trace> = withRowIdentity<Trace>([
    {
      title: t('trace.target'),
      key: 'target',
      width: 220,
      render: (_, e) => (
        <div>
          <div>
            {e.line === null ? t('trace.header') : t('trace.line', { line: e.line })} · {label(e.targetLabel) ?? e.targetField}
          </div>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
            {e.target}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('trace.sources'),
      key: 'sources',
      render: (_, e) =>
        e.from ? (
          <Typography.Text type="secondary" data-testid="trace-origin">
            {originText(e.from)}
          </Typography.Text>
        ) : e.sources.length ? (
          <Space size={[4, 4]} wrap>
            {e.sources.map((s, i) => (
              <Tag key={i} style={{ marginInlineEnd: 0 }}>
                {fieldName(s.field, s.fieldLabel) ?? s.field}
                {s.row !== null && ` · ${t('voucher.sourceRow', { row: s.row })}`}
                <span className="mono" style={{ marginInlineStart: 6, color: 'rgba(0,0,0,0.45)', fontSize: 11 }}>
                  {s.field}
                </span>
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('trace.constant')}</Typography.Text>
        ),
    },
    {
      title: t('trace.nodes'),
      key: 'nodes',
      render: (_, e) => (
        // Names as the analyst gave them; the node's id (what IT greps the spec for) is in each name's tooltip.
        <Typography.Text style={{ fontSize: 12 }}>
          {e.nodes.map((n, i) => (
            <span key={`${n.id}-${i}`}>
              {i > 0 && ' → '}
              <span title={n.id} className={n.label ? undefined : 'mono'}>{n.label ?? n.id}</span>
            </span>
          ))}
        </Typography.Text>
      ),
    },
  ]);
  /** A value no link produced: the ledger setting it came from (by its name), the voucher date, or the base rate. */
  function originText(from: NonNullable<Trace['from']>): string {
    if (from.origin === 'voucherDate') return t('editor.fieldSource.voucherDate');
    if (from.origin === 'baseRate') return t('editor.fieldSource.baseRate');
    const setting = Object.values(TARGET_OPTION_SETTINGS).flat().find((s) => s.key === from.setting);
    return `${t('editor.fieldSource.settings')} · ${label(setting?.label) ?? from.setting}`;
  }
  return (
    <Collapse
      defaultActiveKey={defaultOpen ? ['trace'] : undefined}
      items={[
        {
          key: 'trace',
          label: t('trace.title', { count: trace.length }),
          children: (
            <Table<Trace>
              key={locale}
              rowKey={(e) => keys.get(e) ?? ''}
              size="small"
              columns={columns}
              dataSource={trace}
              // A large form traces hundreds of values; a page at a time keeps each re-run of the preview quick.
              pagination={trace.length > PAGE ? { pageSize: PAGE, showSizeChanger: false, size: 'small' } : false}
              scroll={{ y: 480 }}
              onRow={onPick ? (e) => ({ onClick: () => onPick(e), style: { cursor: 'pointer' } }) : undefined}
            />
          ),
        },
      ]}
    />
  );
}
