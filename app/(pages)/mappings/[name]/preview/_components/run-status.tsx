'use client';

import { Alert } from 'antd';
import { useI18n } from '../../../../../_i18n/client';
import type { MessageKey, Translate } from '../../../../../_i18n/messages';
import { formatAmount } from '../../../../../_lib/amount';
import type { PreviewResult } from '../../../../../_trpc/types';
import { useOaName } from '../../../../_components/oa-source-tag';
import { voucherVerdict } from './voucher-verdict';

/**
 * One line that tells a finance person whether this claim would post, and if not, why. "Balanced" and the figures
 * of an unbalanced voucher are the engine's, never added up again here.
 */
export function RunStatus({ result }: { result: PreviewResult }) {
  const { t } = useI18n();
  const verdict = voucherVerdict(result);
  const oaName = useOaName();

  switch (result.kind) {
    case 'ok':
      // An 'ok' run is the engine's balanced voucher; anything else here would be a pipeline fault, worded as one.
      if (verdict.kind !== 'balanced') return <Alert type="error" showIcon data-testid="preview-status" title={t('status.errorTitle', { count: result.errors.length })} description={t('status.errorDetail')} />;
      return (
        <Alert
          type="success"
          showIcon
          data-testid="preview-status"
          title={t('status.balancedTitle')}
          description={t('status.balancedDetail', { debit: formatAmount(verdict.debit), credit: formatAmount(verdict.credit), lines: result.lines.length })}
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
    case 'partial':
      return <Alert type="warning" showIcon data-testid="preview-status" title={t('partialPreview.title', { count: result.missing.length })} description={t('partialPreview.detail')} />;
    case 'compile':
      return (
        <Alert type="error" showIcon data-testid="preview-status" title={t('status.compileTitle', { count: result.compileErrors.length })} description={t('status.compileDetail')} />
      );
    case 'error': {
      if (verdict.kind !== 'unbalanced')
        return <Alert type="error" showIcon data-testid="preview-status" title={t('status.errorTitle', { count: result.errors.length })} description={t('status.errorDetail')} />;
      const f = verdict.figures;
      return (
        <Alert
          type="error"
          showIcon
          data-testid="preview-status"
          title={t('status.unbalancedTitle')}
          description={f ? t('status.unbalancedDetail', { debit: formatAmount(f.debit), credit: formatAmount(f.credit), difference: formatAmount(f.difference) }) : t('status.errorDetail')}
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
