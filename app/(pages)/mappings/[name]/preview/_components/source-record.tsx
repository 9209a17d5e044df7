'use client';

import { Alert, Card, Descriptions, Tag } from 'antd';
import { useI18n } from '../../../../../_i18n/client';
import type { PreviewResult } from '../../../../../_trpc/types';
import { useOaName } from '../../../../_components/oa-source-tag';
import { companyTime } from '../../../../runs/_components/china-time';

type RecordSummary = NonNullable<PreviewResult['record']>;

const STATUS_COLOURS: Record<string, string> = { approved: 'success', rejected: 'error', running: 'processing', withdrawn: 'default', deleted: 'default' };
const STATUSES = ['approved', 'rejected', 'running', 'withdrawn', 'deleted'] as const;

/** The approval instance as the connector understood it, so a wrong voucher can be traced to a wrong reading. */
export function SourceRecord({ record }: { record: RecordSummary }) {
  const { t } = useI18n();
  const oaName = useOaName();
  const status = STATUSES.find((s) => s === record.status);
  return (
    <Card title={t('record.title', { oa: oaName(record.oaSystem) })} size="small" style={{ height: '100%' }}>
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'title', label: t('record.formTitle'), children: record.title || '—', span: 2 },
          {
            key: 'applicant',
            label: t('record.applicant'),
            // A person by name; a user id alone is said to be one, with why no name was found.
            children: record.applicantName ? (
              <span data-testid="record-applicant" title={record.applicantId ?? undefined}>{record.applicantName}</span>
            ) : record.applicantId ? (
              <span data-testid="record-applicant">{t('preview.applicantUnknown', { id: record.applicantId })}</span>
            ) : (
              '—'
            ),
          },
          { key: 'department', label: t('record.department'), children: record.department ?? '—' },
          { key: 'reference', label: t('record.oaReference'), children: <span className="mono">{record.oaReference || '—'}</span> },
          {
            key: 'status',
            label: t('record.status'),
            children: (
              <Tag color={STATUS_COLOURS[record.status]}>
                {status ? t(`record.statuses.${status}`) : record.status} ({record.rawStatus})
              </Tag>
            ),
          },
          { key: 'finished', label: t('record.finishedAt'), children: <span data-testid="record-finished-at" title={record.finishedAt ?? undefined}>{companyTime(record.finishedAt, t('preview.chinaZone')) || '—'}</span>, span: 2 },
          { key: 'submitted', label: t('preview.submittedAt'), children: <span title={record.submittedAt ?? undefined}>{companyTime(record.submittedAt, t('preview.chinaZone')) || '—'}</span>, span: 2 },
        ]}
      />
      {record.warnings.length > 0 && (
        <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('record.warnings')} description={record.warnings.join('; ')} />
      )}
    </Card>
  );
}
