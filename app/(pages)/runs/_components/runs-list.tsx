'use client';

import { RedoOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import Link from 'next/link';
import { useState } from 'react';
import type { RunSummary } from '#server/services/runs';
import type { ReplayResult } from '#server/services/runs-replay';
import { useCan } from '../../../_components/session';
import { useI18n } from '../../../_i18n/client';
import { useTRPC } from '../../../_trpc/client';
import { ChinaTime } from './china-time-text';
import { ReplayResultView } from './replay-result';
import { DeliveryList, REPLAYABLE, RunStatusTag } from './run-tags';
import { filtersToQueryString, hasFilters, listInput, type RunFilters } from './runs-filters';
import { RunsEmpty } from './runs-empty';

/** New runs appear within this long without a reload: a claim sent from the simulator shows up while you watch. */
const REFRESH_MS = 3000;
const LIMIT = 200;
const STATUSES = ['ok', 'skipped', 'error', 'duplicate', 'dead'] as const;

/** Every live run, newest first, with filters, the voucher numbers delivered, and replay of the failed ones. */
export function RunsList({ initial }: { initial: RunFilters }) {
  const { t, label } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canReplay = useCan('runs.replay');
  const [filters, setFilters] = useState<RunFilters>(initial);
  const [search, setSearch] = useState(initial.reference ?? '');
  const [selected, setSelected] = useState<number[]>([]);
  const [replayed, setReplayed] = useState<ReplayResult | null>(null);
  const runs = useQuery({ ...trpc.runs.list.queryOptions(listInput(filters, LIMIT)), refetchInterval: REFRESH_MS, staleTime: 0, placeholderData: keepPreviousData });
  const mappings = useQuery(trpc.mappings.list.queryOptions());
  const connectors = useQuery(trpc.connectors.list.queryOptions());
  const replay = useMutation(
    trpc.runs.replay.mutationOptions({
      onSuccess: (result) => {
        setReplayed(result);
        setSelected([]);
        void queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey() });
      },
    }),
  );

  const apply = (next: RunFilters) => {
    const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as RunFilters;
    setFilters(clean);
    setSelected([]);
    // The filter is a link: copy the address to share "the failed runs of this mapping" with a colleague.
    window.history.replaceState(null, '', `/runs${filtersToQueryString(clean)}`);
  };

  const columns: TableColumnsType<RunSummary> = [
    {
      title: t('runs.columns.id'),
      key: 'id',
      width: 70,
      render: (_, r) => (
        <div>
          <Link href={`/runs/${r.id}`} data-testid={`run-link-${r.id}`}>
            #{r.id}
          </Link>
          {r.replayOf && (
            <div style={{ fontSize: 12 }}>
              <Typography.Text type="secondary">{t('runs.replayOf', { id: r.replayOf })}</Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    { title: t('runs.columns.time'), key: 'time', width: 110, render: (_, r) => <ChinaTime iso={r.createdAt} /> },
    {
      title: t('runs.columns.mapping'),
      key: 'mapping',
      width: 200,
      render: (_, r) => {
        const m = mappings.data?.find((x) => x.name === r.mapping);
        const named = `${r.mapping}${r.version ? `@${r.version}` : ''}`;
        return (
          <div>
            <Typography.Text ellipsis={{ tooltip: true }} style={{ display: 'block' }}>
              {(m && label(m.label)) ?? r.mapping}
            </Typography.Text>
            {/* The name may be cut; the version never is: "which version ran" is what the column answers. */}
            <div className="mono" style={{ fontSize: 12, display: 'flex', minWidth: 0 }} title={named}>
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, minWidth: 0 }}>
                {r.mapping}
              </Typography.Text>
              {r.version && (
                <Link href={`/mappings/${encodeURIComponent(r.mapping)}/versions/${r.version}`} style={{ flex: 'none' }}>
                  @{r.version}
                </Link>
              )}
            </div>
          </div>
        );
      },
    },
    { title: t('runs.columns.connector'), dataIndex: 'connector', width: 120, ellipsis: { showTitle: true }, render: (c: string) => <span className="mono">{c}</span> },
    {
      title: t('runs.columns.reference'),
      key: 'reference',
      width: 190,
      render: (_, r) => (
        <div>
          {r.oaReference ? (
            <a className="mono" style={{ wordBreak: 'break-all' }} onClick={() => (setSearch(r.oaReference!), apply({ ...filters, reference: r.oaReference! }))}>
              {r.oaReference}
            </a>
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          )}
          {r.instanceId && r.instanceId !== r.oaReference && (
            <div>
              <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }} ellipsis={{ tooltip: r.instanceId }}>
                {r.instanceId}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    { title: t('runs.columns.status'), key: 'status', width: 80, render: (_, r) => <RunStatusTag status={r.status} /> },
    { title: t('runs.columns.deliveries'), key: 'deliveries', width: 160, render: (_, r) => <DeliveryList deliveries={r.deliveries} /> },
    {
      title: t('runs.columns.firstError'),
      key: 'error',
      render: (_, r) => {
        const e = r.errors[0];
        if (!e) return <Typography.Text type="secondary">—</Typography.Text>;
        const place = [e.field, e.row !== null ? t('runs.row', { row: e.row }) : null].filter(Boolean).join(' · ');
        return (
          <Typography.Paragraph type="danger" style={{ fontSize: 12, margin: 0 }} ellipsis={{ rows: 3, tooltip: `${place}: ${e.message}` }} data-testid="run-first-error">
            {place && <span className="mono">{place}: </span>}
            {e.message}
            {r.errors.length > 1 && ` ${t('runs.moreErrors', { count: r.errors.length - 1 })}`}
          </Typography.Paragraph>
        );
      },
    },
  ];

  const data = runs.data ?? [];
  const filtered = hasFilters(filters);

  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('runs.title')}</Typography.Title>}>
      <Typography.Paragraph type="secondary">{t('runs.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder={t('runs.filters.reference')}
          aria-label={t('runs.filters.reference')}
          data-testid="runs-search"
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => apply({ ...filters, reference: v.trim() || undefined })}
          style={{ width: 320 }}
        />
        <Select
          allowClear
          placeholder={t('runs.filters.status')}
          aria-label={t('runs.filters.status')}
          data-testid="runs-filter-status"
          style={{ width: 140 }}
          value={filters.status}
          onChange={(v?: string) => apply({ ...filters, status: v })}
          options={STATUSES.map((s) => ({ value: s, label: t(`runs.status.${s}`) }))}
        />
        <Select
          allowClear
          showSearch
          placeholder={t('runs.filters.mapping')}
          aria-label={t('runs.filters.mapping')}
          style={{ width: 260 }}
          value={filters.mapping}
          onChange={(v?: string) => apply({ ...filters, mapping: v })}
          options={(mappings.data ?? []).map((m) => ({ value: m.name, label: label(m.label) ?? m.name }))}
        />
        <Select
          allowClear
          placeholder={t('runs.filters.connector')}
          aria-label={t('runs.filters.connector')}
          style={{ width: 180 }}
          value={filters.connector}
          onChange={(v?: string) => apply({ ...filters, connector: v })}
          options={(connectors.data ?? []).map((c) => ({ value: c.name, label: c.name }))}
        />
        <DatePicker.RangePicker
          aria-label={t('runs.filters.dates')}
          placeholder={[t('runs.filters.fromDay'), t('runs.filters.toDay')]}
          value={[filters.fromDay ? dayjs(filters.fromDay) : null, filters.toDay ? dayjs(filters.toDay) : null]}
          allowEmpty={[true, true]}
          onChange={(d) => apply({ ...filters, fromDay: d?.[0]?.format('YYYY-MM-DD'), toDay: d?.[1]?.format('YYYY-MM-DD') })}
        />
        {filtered && (
          <Button onClick={() => (setSearch(''), apply({}))} data-testid="runs-clear-filters">
            {t('runs.filters.clear')}
          </Button>
        )}
      </Space>
      {canReplay && (
        <Space style={{ marginBottom: 12 }}>
          <Button
            icon={<RedoOutlined />}
            disabled={selected.length === 0}
            loading={replay.isPending}
            onClick={() => replay.mutate({ ids: selected })}
            data-testid="runs-replay"
          >
            {t('runs.replay.button', { count: selected.length })}
          </Button>
          <Typography.Text type="secondary">{t('runs.replay.hint')}</Typography.Text>
        </Space>
      )}
      {replay.error && <Alert type="error" showIcon title={t('runs.replay.failed')} description={replay.error.message} style={{ marginBottom: 12 }} />}
      {replayed && (
        <div style={{ marginBottom: 12 }}>
          <ReplayResultView result={replayed} onClose={() => setReplayed(null)} />
        </div>
      )}
      {runs.error && <Alert type="error" showIcon title={t('common.loadFailed')} description={runs.error.message} style={{ marginBottom: 16 }} />}
      {!runs.isLoading && data.length === 0 && !filtered ? (
        <RunsEmpty />
      ) : (
        <Table<RunSummary>
          rowKey="id"
          size="small"
          tableLayout="fixed"
          data-testid="runs-table"
          columns={columns}
          dataSource={data}
          loading={runs.isLoading}
          locale={{ emptyText: t('runs.noMatch') }}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          rowSelection={
            canReplay
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys as number[]),
                  getCheckboxProps: (r) => ({ disabled: !REPLAYABLE.includes(r.status), 'aria-label': t('runs.replay.select', { id: r.id }) }),
                }
              : undefined
          }
        />
      )}
      {data.length === LIMIT && <Typography.Text type="secondary">{t('runs.limited', { count: LIMIT })}</Typography.Text>}
    </Card>
  );
}
