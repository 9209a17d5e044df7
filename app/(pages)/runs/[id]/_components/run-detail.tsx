'use client';

import { RedoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Descriptions, Result, Skeleton, Space, Tag, Typography } from 'antd';
import Link from 'next/link';
import type { FormRecord } from '#server/engine';
import type { RunDetail } from '#server/services/runs';
import { useCan } from '../../../../_components/session';
import { useI18n } from '../../../../_i18n/client';
import type { MessageKey } from '../../../../_i18n/messages';
import { useTRPC } from '../../../../_trpc/client';
import { chinaTime, companyTime } from '../../_components/china-time';
import { ReplayResultView } from '../../_components/replay-result';
import { REPLAYABLE, RunStatusTag } from '../../_components/run-tags';
import { RunDeliveries } from './run-deliveries';
import { RunPayload } from './run-payload';
import { RunProblems } from './run-problems';
import { RunVoucher } from './run-voucher';

const TIMINGS = ['queuedMs', 'pipelineMs', 'totalMs'] as const;

/** Whether a replay could change anything: a failed run, or a voucher whose delivery died. */
function replayable(run: RunDetail): boolean {
  return REPLAYABLE.includes(run.status) || run.deliveries.some((d) => d.status === 'dead');
}

/** One live run: what came in, what the mapping made of it, where the voucher went, and why not when it did not. */
export function RunDetailView({ id }: { id: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canReplay = useCan('runs.replay');
  // A delivery still pending is worth watching: the page follows it until it is delivered or dead.
  const run = useQuery({
    ...trpc.runs.get.queryOptions({ id }),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.deliveries.some((d) => d.status === 'pending') ? 2000 : false),
  });
  const replay = useMutation(trpc.runs.replay.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.runs.get.queryKey({ id }) }) }));

  if (run.error?.data?.code === 'NOT_FOUND')
    return <Result status="404" title={t('runs.detail.notFound', { id })} extra={<Link href="/runs">{t('runs.detail.back')}</Link>} />;
  if (run.error) return <Alert type="error" showIcon title={t('common.loadFailed')} description={run.error.message} />;
  if (!run.data) return <Skeleton active />;
  const r = run.data;
  const refLink = (ref: string) => (
    <Link href={`/runs?reference=${encodeURIComponent(ref)}`} className="mono" data-testid="run-reference-link">
      {ref}
    </Link>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link href="/runs">{t('runs.title')}</Link> }, { title: `#${r.id}` }]} />
      <Card
        title={
          <Space>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('runs.detail.title', { id: r.id })}
            </Typography.Title>
            <RunStatusTag status={r.status} />
          </Space>
        }
        extra={
          canReplay &&
          replayable(r) && (
            <Button icon={<RedoOutlined />} loading={replay.isPending} onClick={() => replay.mutate({ ids: [r.id] })} data-testid="run-replay">
              {t('runs.replay.one')}
            </Button>
          )
        }
      >
        {replay.error && <Alert type="error" showIcon title={t('runs.replay.failed')} description={replay.error.message} style={{ marginBottom: 12 }} />}
        {replay.data && (
          <div style={{ marginBottom: 12 }}>
            <ReplayResultView result={replay.data} />
          </div>
        )}
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            {
              key: 'mapping',
              label: t('runs.columns.mapping'),
              children:
                r.version !== null ? (
                  <Link className="mono" href={`/mappings/${encodeURIComponent(r.mapping)}/versions/${r.version}`}>{`${r.mapping}@${r.version}`}</Link>
                ) : (
                  <span className="mono">{r.mapping}</span>
                ),
            },
            { key: 'connector', label: t('runs.columns.connector'), children: <span className="mono">{r.connector}</span> },
            { key: 'reference', label: t('runs.columns.reference'), children: r.oaReference ? refLink(r.oaReference) : '—' },
            { key: 'instance', label: t('runs.detail.instanceId'), children: r.instanceId ? refLink(r.instanceId) : '—' },
            { key: 'message', label: t('runs.detail.messageId'), children: <span className="mono">{r.messageId}</span> },
            { key: 'created', label: t('runs.columns.time'), children: chinaTime(r.createdAt) },
            { key: 'approved', label: t('runs.detail.approvedAt'), children: companyTime(r.approvedAt, t('preview.chinaZone')) || '—' },
            ...(r.replayOf ? [{ key: 'replayOf', label: t('runs.detail.replayOfLabel'), children: <Link href={`/runs/${r.replayOf}`}>#{r.replayOf}</Link> }] : []),
            {
              key: 'tables',
              label: t('runs.detail.tableRevisions'),
              children: Object.keys(r.tableRevisions).length ? (
                <Space size={[4, 4]} wrap>
                  {Object.entries(r.tableRevisions).map(([name, rev]) => (
                    <Tag key={name} style={{ marginInlineEnd: 0 }}>
                      <Link href={`/tables/${encodeURIComponent(name)}`}>{name}</Link> · {t('runs.detail.revision', { revision: rev })}
                    </Tag>
                  ))}
                </Space>
              ) : (
                '—'
              ),
            },
            {
              key: 'timings',
              label: t('runs.detail.timings'),
              children: (
                <Space size={[4, 4]} wrap>
                  {Object.entries(r.timings).map(([k, ms]) => (
                    <Tag key={k} style={{ marginInlineEnd: 0 }}>
                      {(TIMINGS as readonly string[]).includes(k) ? t(`runs.timings.${k}` as MessageKey) : k}: {ms} ms
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <RunProblems errors={r.errors} record={r.record as FormRecord | null} />
      <RunDeliveries deliveries={r.deliveries} />
      <RunVoucher run={r} />
      <RunPayload eventBody={r.eventBody} payloadText={r.payloadText} record={r.record} />
    </Space>
  );
}
