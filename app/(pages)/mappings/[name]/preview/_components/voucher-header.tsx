'use client';

import { Card, Descriptions } from 'antd';
import { useI18n } from '../../../../../_i18n/client';
import type { PreviewResult } from '../../../../../_trpc/types';
import { Traceable } from './traceable';
import { NotMapped, isNotMapped } from './not-mapped';

type Header = NonNullable<PreviewResult['header']>;

const dash = (v: string | null) => v ?? '—';

/** The voucher head as the ledger will receive it: date, period, voucher word, attachments, reference. */
export function VoucherHeader({ header, onPickValue, missing }: { header: Header; onPickValue?: (target: string) => void; missing?: PreviewResult['missing'] }) {
  const { t } = useI18n();
  const traced = (field: string, content: React.ReactNode) => (
    <Traceable target={`header.${field}`} onPick={onPickValue}>
      {content}
    </Traceable>
  );
  const period = header.fiscalYear && header.period ? t('voucher.periodValue', { year: header.fiscalYear, period: header.period }) : '—';
  return (
    <Card title={t('voucher.headerTitle')} size="small" style={{ height: '100%' }}>
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'date', label: t('voucher.date'), children: !header.date && isNotMapped(missing, null, 'date') ? <NotMapped testId="preview-not-mapped-header-date" /> : traced('date', dash(header.date)) },
          { key: 'period', label: t('voucher.period'), children: traced('period', period) },
          { key: 'word', label: t('voucher.voucherWord'), children: traced('voucherWord', dash(header.voucherWord)) },
          { key: 'attachments', label: t('voucher.attachments'), children: traced('attachments', dash(header.attachments)) },
          { key: 'reference', label: t('voucher.reference'), children: traced('reference', <span className="mono">{dash(header.reference)}</span>) },
          { key: 'book', label: t('voucher.book'), children: traced('book', dash(header.book)) },
          ...(header.preparer ? [{ key: 'preparer', label: t('voucher.preparer'), children: traced('preparer', header.preparer) }] : []),
          ...(header.summary ? [{ key: 'summary', label: t('voucher.summary'), children: traced('summary', header.summary), span: 2 }] : []),
        ]}
      />
    </Card>
  );
}
