'use client';

import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useI18n } from '../../../../../_i18n/client';
import { Traceable } from './traceable';
import { withRowIdentity } from './row-identity';
import { formatAmount } from '../../../../../_lib/amount';
import type { PreviewResult } from '../../../../../_trpc/types';
import type { VoucherVerdict } from './voucher-verdict';
import { NotMapped, isNotMapped } from './not-mapped';

const LINES_PAGE = 50;

type Line = PreviewResult['lines'][number];
type Totals = PreviewResult['totals'];

/**
 * The entry lines (分录) with debit and credit totals: the part of the voucher an accountant checks first. Whether
 * they balance is the engine's verdict, passed in; the totals here are only the draft's lines added up.
 */
export function VoucherLines({
  lines,
  totals,
  verdict,
  onPickValue,
  missing,
}: {
  lines: Line[];
  totals: Totals;
  verdict: VoucherVerdict;
  onPickValue?: (target: string) => void;
  /** A partial preview's required fields not mapped yet: their cells say so instead of a dash. */
  missing?: PreviewResult['missing'];
}) {
  const { t, label, locale } = useI18n();
  /** A cell's value, clickable in the editor to trace it back to the fields and nodes that produced it. */
  const traced = (l: Line, field: string, content: React.ReactNode) => (
    <Traceable target={`lines[${l.lineNo - 1}].${field}`} onPick={onPickValue}>
      {content}
    </Traceable>
  );
  const empty = (l: Line, field: string) =>
    isNotMapped(missing, l.template, field) ? <NotMapped testId={`preview-not-mapped-${l.lineNo}-${field}`} /> : '—';

  const columns: TableColumnsType<Line> = withRowIdentity<Line>([
    { title: '#', dataIndex: 'lineNo', width: 48, align: 'right' },
    {
      title: t('voucher.lineSummary'),
      key: 'summary',
      render: (_, l) => (
        <div>
          <div>{l.summary === null ? empty(l, 'summary') : traced(l, 'summary', l.summary)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {label(l.templateLabel) ?? l.template}
            {l.row !== null && ` · ${t('voucher.sourceRow', { row: l.row })}`}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('voucher.account'),
      key: 'account',
      render: (_, l) => (
        <div>
          {l.account === null
            ? empty(l, 'account')
            : traced(
                l,
                'account',
                // An account code is one token: never broken across lines (the monospace font made 2221.01.01 wrap).
                <Typography.Text className="mono" strong style={{ whiteSpace: 'nowrap' }}>
                  {l.account}
                </Typography.Text>,
              )}
          {l.accountName && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{l.accountName}</div>}
        </div>
      ),
    },
    { title: t('voucher.debit'), key: 'debit', align: 'right', width: 150, className: 'amount', render: (_, l) => traced(l, 'debit', formatAmount(l.debit)) },
    { title: t('voucher.credit'), key: 'credit', align: 'right', width: 150, className: 'amount', render: (_, l) => traced(l, 'credit', formatAmount(l.credit)) },
    {
      title: t('voucher.dimensions'),
      key: 'dimensions',
      render: (_, l) =>
        l.dimensions.length ? (
          <Space size={[4, 4]} wrap>
            {l.dimensions.map((d) => (
              <Tag key={d.id} style={{ marginInlineEnd: 0 }}>
                {traced(
                  l,
                  d.id,
                  <>
                    {label(d.label) ?? d.id}: <span className="mono">{d.value}</span>
                  </>,
                )}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ]);

  const summary = () =>
    totals && (
      <Table.Summary.Row style={{ background: '#fafafa', fontWeight: 600 }}>
        <Table.Summary.Cell index={0} colSpan={3}>
          {t('voucher.total')}
        </Table.Summary.Cell>
        <Table.Summary.Cell index={3} align="right" className="amount">
          <span data-testid="preview-total-debit">{formatAmount(totals.debit)}</span>
        </Table.Summary.Cell>
        <Table.Summary.Cell index={4} align="right" className="amount">
          <span data-testid="preview-total-credit">{formatAmount(totals.credit)}</span>
        </Table.Summary.Cell>
        <Table.Summary.Cell index={5}>
          <VerdictTag verdict={verdict} />
        </Table.Summary.Cell>
      </Table.Summary.Row>
    );

  return (
    <Card
      size="small"
      // A failed run still shows what was assembled, marked so nobody mistakes it for a postable voucher.
      title={verdict.kind !== 'balanced' ? t('voucher.linesDraftTitle', { count: lines.length }) : t('voucher.linesTitle', { count: lines.length })}
    >
      <Table<Line>
        key={locale}
        data-testid="preview-lines-table"
        rowKey="lineNo"
        size="middle"
        columns={columns}
        dataSource={lines}
        // A voucher built from a large form has a line per detail row: shown a page at a time, totals always.
        pagination={lines.length > LINES_PAGE ? { pageSize: LINES_PAGE, showSizeChanger: false, size: 'small' } : false}
        summary={summary}
      />
    </Card>
  );
}

/** The engine's word on the totals: balanced, unbalanced by its own difference, or refused for other problems. */
function VerdictTag({ verdict }: { verdict: VoucherVerdict }) {
  const { t } = useI18n();
  switch (verdict.kind) {
    case 'balanced':
      return (
        <Tag color="success" icon={<CheckCircleFilled />} data-testid="preview-verdict">
          {t('voucher.balanced')}
        </Tag>
      );
    case 'unbalanced':
      return (
        <Tag color="error" icon={<CloseCircleFilled />} data-testid="preview-verdict">
          {verdict.figures ? t('voucher.unbalanced', { difference: formatAmount(verdict.figures.difference) }) : t('voucher.unbalancedBare')}
        </Tag>
      );
    case 'refused':
      return (
        <Tag color="warning" icon={<ExclamationCircleFilled />} data-testid="preview-verdict">
          {t('voucher.refused', { count: verdict.problems })}
        </Tag>
      );
    case 'none':
      return null;
  }
}
