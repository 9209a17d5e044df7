'use client';

import { Alert } from 'antd';
import { useI18n } from '../../../../../_i18n/client';
import type { MessageKey, Translate } from '../../../../../_i18n/messages';
import { formatAmount } from '../../../../../_lib/amount';
import type { PreviewResult } from '../../../../../_trpc/types';
import { useOaName } from '../../../../_components/oa-source-tag';

/** One line that tells a finance person whether this claim would post, and if not, why. */
export function RunStatus({ result }: { result: PreviewResult }) {
  const { t } = useI18n();
  const totals = result.totals;
  const amounts = totals
    ? { debit: formatAmount(totals.debit), credit: formatAmount(totals.credit), difference: formatAmount(totals.difference) }
    : null;
  const oaName = useOaName();

  switch (result.kind) {
    case 'ok':
      return (
        <Alert
          type="success"
          showIcon
          data-testid="preview-status"
          title={t('status.balancedTitle')}
          description={t('status.balancedDetail', { ...amounts!, lines: result.lines.length })}
        />
      );
    case 'skipped':
      return <Alert type="warning" showIcon data-testid="preview-status" title={t('status.skippedTitle')} description={skippedText(result, t) ?? result.skipReason} />;
    case 'bad_json':
      return <Alert type="error" showIcon data-testid="preview-status" title={t('status.badJsonTitle')} description={t('status.badJsonDetail')} />;
    case 'shape':
      return (
        <Alert
          type="error"
          showIcon
          data-testid="preview-status"
          title={t('status.shapeTitle', { oa: oaName(result.mapping.connector) })}
          description={t('status.shapeDetail')}
        />
      );
    case 'compile':
      return (
        <Alert type="error" showIcon data-testid="preview-status" title={t('status.compileTitle', { count: result.compileErrors.length })} description={t('status.compileDetail')} />
      );
    case 'error': {
      const unbalanced = result.errors.some((e) => e.code === 'unbalanced');
      return (
        <Alert
          type="error"
          showIcon
          data-testid="preview-status"
          title={unbalanced ? t('status.unbalancedTitle') : t('status.errorTitle', { count: result.errors.length })}
          description={unbalanced && amounts ? t('status.unbalancedDetail', amounts) : t('status.errorDetail')}
        />
      );
    }
  }
}

/** Why no voucher, in the UI's language: the instance's status against the statuses the mapping posts on. */
function skippedText(result: PreviewResult, t: Translate): string | null {
  const r = result.record;
  if (!r || !result.postOn) return null;
  const status = (s: string) => t(`record.statuses.${s}` as MessageKey);
  return t('status.skippedDetail', { status: status(r.status), raw: r.rawStatus, postOn: result.postOn.map(status).join(' / ') });
}
