'use client';

import { Col, Empty, List, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ReviewLine, RunView, SampleOutcome, SampleReview } from '#server/services/golden-samples';
import { useI18n } from '../../../../../_i18n/client';

const OUTCOME_COLOR: Record<SampleOutcome, string> = {
  unchanged: 'default',
  changed: 'processing',
  newly_failing: 'error',
  newly_passing: 'success',
  still_failing: 'warning',
};

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** What changed in one sample's voucher, in sentences. */
function ChangeList({ sample }: { sample: SampleReview }) {
  const { t } = useI18n();
  const c = sample.changes;
  if (!c) return null;
  const items = [
    ...c.header.map((h) => t('versions.reviewPage.headerChange', { field: h.field, before: show(h.before), after: show(h.after) })),
    ...c.lineChanges.map((l) => t('versions.reviewPage.lineChange', { line: l.line, field: l.field, before: show(l.before), after: show(l.after) })),
    ...c.linesAdded.map((l) => t('versions.reviewPage.lineAdded', { account: l.account, debit: l.debit, credit: l.credit })),
    ...c.linesRemoved.map((l) => t('versions.reviewPage.lineRemoved', { account: l.account, debit: l.debit, credit: l.credit })),
    ...(c.documentChanged ? [t('versions.reviewPage.documentChanged')] : []),
  ];
  return <List size="small" dataSource={items} renderItem={(s) => <List.Item>{s}</List.Item>} />;
}

/** One side of the side-by-side voucher comparison. */
function RunSide({ title, run }: { title: string; run: RunView | null }) {
  const { t } = useI18n();
  const columns: TableColumnsType<ReviewLine & { key: number }> = [
    { title: '#', dataIndex: 'key', width: 40 },
    { title: t('voucher.account'), dataIndex: 'account', className: 'mono' },
    { title: t('voucher.debit'), dataIndex: 'debit', align: 'right', className: 'mono' },
    { title: t('voucher.credit'), dataIndex: 'credit', align: 'right', className: 'mono' },
    { title: t('voucher.lineSummary'), dataIndex: 'summary' },
  ];
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      {!run ? (
        <Empty description={t('versions.reviewPage.noBaseline')} />
      ) : run.kind === 'voucher' ? (
        <Table size="small" pagination={false} columns={columns} dataSource={run.lines.map((l, i) => ({ ...l, key: i + 1 }))} />
      ) : (
        <Typography.Paragraph type={run.kind === 'failed' ? 'danger' : 'secondary'}>
          {t('versions.reviewPage.noVoucher')}: {run.kind === 'failed' ? run.problems.join('; ') : run.reason}
        </Typography.Paragraph>
      )}
    </div>
  );
}

export function GoldenSampleTable({ samples }: { samples: SampleReview[] }) {
  const { t } = useI18n();
  const columns: TableColumnsType<SampleReview> = [
    { title: t('versions.reviewPage.sample'), dataIndex: 'name' },
    {
      title: t('versions.reviewPage.outcome'),
      key: 'outcome',
      width: 140,
      render: (_, s) => (
        <Tag color={OUTCOME_COLOR[s.outcome]} data-testid={`golden-outcome-${s.outcome}`}>
          {t(`versions.reviewPage.outcomes.${s.outcome}`)}
        </Tag>
      ),
    },
    { title: t('versions.reviewPage.details'), key: 'details', render: (_, s) => <ChangeList sample={s} /> },
  ];
  return (
    <Table<SampleReview>
      rowKey={(s) => `${s.id ?? 'pasted'}:${s.name}`}
      data-testid="golden-samples"
      columns={columns}
      dataSource={samples}
      pagination={false}
      locale={{ emptyText: t('versions.reviewPage.noSamples') }}
      expandable={{
        expandedRowRender: (s) => (
          <Row gutter={16}>
            <Col span={12}><RunSide title={t('versions.reviewPage.inForceSide')} run={s.inForce} /></Col>
            <Col span={12}><RunSide title={t('versions.reviewPage.submittedSide')} run={s.submitted} /></Col>
          </Row>
        ),
      }}
    />
  );
}
