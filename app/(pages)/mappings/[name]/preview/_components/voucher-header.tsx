'use client';

import { Card, Descriptions } from 'antd';
import { useI18n } from '../../../../../_i18n/client';
import type { PreviewResult } from '../../../../../_trpc/types';

type Header = NonNullable<PreviewResult['header']>;

const dash = (v: string | null) => v ?? '—';

/** The voucher head as the ledger will receive it: date, period, voucher word, attachments, reference. */
export function VoucherHeader({ header }: { header: Header }) {
  const { t } = useI18n();
  const period = header.fiscalYear && header.period ? t('voucher.periodValue', { year: header.fiscalYear, period: header.period }) : '—';
  return (
    <Card title={t('voucher.headerTitle')} size="small" style={{ height: '100%' }}>
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'date', label: t('voucher.date'), children: dash(header.date) },
          { key: 'period', label: t('voucher.period'), children: period },
          { key: 'word', label: t('voucher.voucherWord'), children: dash(header.voucherWord) },
          { key: 'attachments', label: t('voucher.attachments'), children: dash(header.attachments) },
          { key: 'reference', label: t('voucher.reference'), children: <span className="mono">{dash(header.reference)}</span> },
          { key: 'book', label: t('voucher.book'), children: dash(header.book) },
          ...(header.preparer ? [{ key: 'preparer', label: t('voucher.preparer'), children: header.preparer }] : []),
          ...(header.summary ? [{ key: 'summary', label: t('voucher.summary'), children: header.summary, span: 2 }] : []),
        ]}
      />
    </Card>
  );
}
