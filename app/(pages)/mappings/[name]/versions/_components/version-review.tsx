'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Card, Col, Descriptions, Row, Skeleton, Space, Typography } from 'antd';
import Link from 'next/link';
import { useI18n } from '../../../../../_i18n/client';
import { formatTimestamp } from '../../../../../_lib/dates';
import { useTRPC } from '../../../../../_trpc/client';
import { nodeOfEntry } from '../../../../../_canvas/diff-flow';
import { GoldenSampleTable } from './golden-sample-table';
import { focusCanvasNode, ReviewCanvas } from './review-canvas';
import { ReviewPaste } from './review-paste';
import { VersionDecision } from './version-decision';
import { TableEditList, VersionDiffList } from './version-diff-list';
import { VersionStatusTag } from './version-status-tag';

/**
 * The review screen: what the version changes (against the version in force, or the one before it), what it does
 * to every golden sample, and — for an administrator who is not its author — the decision.
 */
export function VersionReview({ mappingName, version }: { mappingName: string; version: number }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const detail = useQuery(trpc.versions.get.queryOptions({ mapping: mappingName, version }));
  const list = useQuery(trpc.versions.list.queryOptions({ mapping: mappingName }));
  const inForce = list.data?.find((v) => v.status === 'in_force')?.version ?? null;
  // Compared with what runs today; the version in force itself (or a first version) with the one before it.
  const from = inForce !== null && inForce !== version ? inForce : version > 1 ? version - 1 : null;
  const diff = useQuery({ ...trpc.versions.diff.queryOptions({ mapping: mappingName, from: from ?? 1, to: version }), enabled: from !== null });
  const review = useQuery(trpc.versions.review.queryOptions({ mapping: mappingName, version }));
  const base = `/mappings/${encodeURIComponent(mappingName)}`;
  const pick = (node: string | undefined) => node && focusCanvasNode(node);

  if (detail.error) return <Alert type="error" showIcon title={t('common.loadFailed')} description={detail.error.message} />;
  if (!detail.data || !list.data) return <Skeleton active />;
  const v = detail.data;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link href="/">{t('mappings.title')}</Link> },
          { title: <Link href={`${base}/edit`}>{mappingName}</Link> },
          { title: <Link href={`${base}/versions`}>{t('versions.title')}</Link> },
          { title: `v${version}` },
        ]}
      />
      <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('versions.reviewPage.title', { version, mapping: mappingName })}</Typography.Title>}>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('versions.columns.status')}><VersionStatusTag status={v.status} /></Descriptions.Item>
          <Descriptions.Item label={t('versions.columns.author')}>{v.author} · {formatTimestamp(v.submittedAt, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('versions.columns.note')}>{v.note}</Descriptions.Item>
          <Descriptions.Item label={t('versions.columns.approver')}>{v.approver ? `${v.approver} · ${formatTimestamp(v.approvedAt, locale)}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('versions.columns.effectiveFrom')}>{v.effectiveFrom ? formatTimestamp(v.effectiveFrom, locale) : '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('versions.reviewPage.diffTitle')}>
        <Typography.Paragraph type="secondary">
          {inForce !== null && inForce !== version ? t('versions.reviewPage.against', { baseline: inForce }) : inForce === null ? t('versions.reviewPage.noBaseline') : null}
        </Typography.Paragraph>
        {diff.error && <Alert type="error" showIcon title={diff.error.message} />}
        <Row gutter={16}>
          <Col xs={24} xl={10} style={{ maxHeight: 620, overflowY: 'auto' }}>
            {from !== null && (diff.data ? <VersionDiffList entries={diff.data.entries} onPick={(e) => pick(nodeOfEntry(e, diff.data.canvas))} /> : <Skeleton active />)}
            {from === null && <Typography.Paragraph type="secondary">{t('versions.canvas.firstVersion')}</Typography.Paragraph>}
            {diff.data && <TableEditList tableEdits={diff.data.tableEdits} />}
          </Col>
          <Col xs={24} xl={14}>
            {/* One comparison, two views: the list above and the marks here both come from versions.diff. */}
            {from === null || diff.data ? <ReviewCanvas mapping={mappingName} spec={v.spec} marks={diff.data?.canvas ?? null} /> : <Skeleton active />}
          </Col>
        </Row>
      </Card>
      <Card title={t('versions.reviewPage.samplesTitle')}>
        <Typography.Paragraph type="secondary">{t('versions.reviewPage.samplesIntro')}</Typography.Paragraph>
        {review.error && <Alert type="error" showIcon title={review.error.message} />}
        {review.data ? <GoldenSampleTable samples={review.data.samples} /> : <Skeleton active />}
      </Card>
      <ReviewPaste mapping={mappingName} version={version} />
      <VersionDecision mapping={mappingName} version={version} status={v.status} author={v.author} newlyFailing={review.data?.summary.newlyFailing ?? 0} />
    </Space>
  );
}
