'use client';

import { Alert } from 'antd';
import Link from 'next/link';
import type { ReplayResult } from '#server/services/runs-replay';
import { useI18n } from '../../../_i18n/client';
import { RunStatusTag, type RunStatus } from './run-tags';

const RUN_STATUSES: readonly string[] = ['ok', 'skipped', 'error', 'duplicate', 'dead'];

/** What a replay did to each run named: the new run and its status, a reopened delivery, or why it was refused. */
export function ReplayResultView({ result, onClose }: { result: ReplayResult; onClose?: () => void }) {
  const { t } = useI18n();
  const failed = result.refused.length > 0 || result.replayed.some((r) => r.status !== 'ok');
  const items = [
    ...result.replayed.map((r) => (
      <li key={`r${r.run}`} data-testid={`replay-result-${r.run}`}>
        {t('runs.replay.run', { id: r.run })}{' '}
        {r.delivery === 'reopened' ? (
          t('runs.replay.reopened')
        ) : r.newRun ? (
          <>
            {t('runs.replay.newRun')} <Link href={`/runs/${r.newRun}`}>#{r.newRun}</Link>{' '}
            {RUN_STATUSES.includes(r.status) ? <RunStatusTag status={r.status as RunStatus} /> : r.status}
          </>
        ) : (
          t('runs.replay.noRun')
        )}
      </li>
    )),
    ...result.refused.map((r) => (
      <li key={`x${r.run}`} data-testid={`replay-result-${r.run}`}>
        {t('runs.replay.run', { id: r.run })} {t('runs.replay.refused', { reason: r.reason })}
      </li>
    )),
  ];
  return (
    <Alert
      type={failed ? 'warning' : 'success'}
      showIcon
      closable={onClose ? { onClose } : false}
      data-testid="replay-result"
      title={t('runs.replay.resultTitle', { replayed: result.replayed.length, refused: result.refused.length })}
      description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{items}</ul>}
    />
  );
}
