'use client';

import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Col, Empty, Result, Row, Skeleton, Space, Spin, Typography } from 'antd';
import Link from 'next/link';
import { useI18n } from '../../../../../_i18n/client';
import { useTRPC } from '../../../../../_trpc/client';
import { OaSourceTag } from '../../../../_components/oa-source-tag';
import { PayloadPicker } from './payload-picker';
import { useCan, useSession } from '../../../../../_components/session';
import { RunErrors } from './run-errors';
import { RunStatus } from './run-status';
import { SourceRecord } from './source-record';
import { TargetDocument } from './target-document';
import { ValueTrace } from './value-trace';
import { VoucherHeader } from './voucher-header';
import { VoucherLines } from './voucher-lines';
import { voucherVerdict } from './voucher-verdict';

/** The design-time preview: one OA payload in, the voucher the mapping makes of it out, with every problem named. */
export function PreviewWorkbench({ mappingName }: { mappingName: string }) {
  const { t, label } = useI18n();
  const trpc = useTRPC();
  const mapping = useQuery(trpc.mappings.get.queryOptions({ name: mappingName }));
  const formats = useQuery(trpc.catalogues.targetFormats.queryOptions());
  const run = useMutation(trpc.preview.run.mutationOptions());
  const session = useSession();
  const canRun = useCan('preview.run');

  if (mapping.error?.data?.code === 'NOT_FOUND')
    return (
      <Result
        status="404"
        title={t('preview.notFound', { name: mappingName })}
        extra={
          <Button type="primary" href="/">
            {t('preview.backToList')}
          </Button>
        }
      />
    );
  if (mapping.error) return <Alert type="error" showIcon title={t('common.loadFailed')} description={mapping.error.message} />;
  if (!mapping.data) return <Skeleton active />;

  const m = mapping.data;
  const title = label(m.label) ?? m.name;
  const targetLabel = label(formats.data?.find((f) => f.format === m.targetFormat)?.label) ?? m.targetFormat;
  const result = run.data;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link href="/">{t('mappings.title')}</Link> }, { title }, { title: t('preview.title') }]} />
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Space size={8} wrap style={{ marginTop: 8 }}>
          <OaSourceTag connector={m.sourceConnector} />
          <Typography.Text type="secondary">→ {targetLabel}</Typography.Text>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
            {m.name} · {t('preview.revision', { revision: m.revision })}
          </Typography.Text>
          <Link href={`/mappings/${encodeURIComponent(m.name)}/edit`}>
            <EditOutlined /> {t('mappings.edit')}
          </Link>
        </Space>
        {m.description && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{m.description}</Typography.Paragraph>}
      </div>

      {canRun ? (
        <PayloadPicker
          connector={m.sourceConnector}
          running={run.isPending}
          onRunSample={(sampleId) => run.mutate({ mappingName, sampleId })}
          onRunPayload={(payloadText) => run.mutate({ mappingName, payloadText })}
        />
      ) : (
        <Alert type="info" showIcon title={t('auth.noPreview', { role: session ? t(`roles.${session.user.role}`) : '' })} />
      )}

      {run.error && <Alert type="error" showIcon title={t('preview.requestFailed')} description={run.error.message} />}
      {!result && !run.error && (
        <Spin spinning={run.isPending}>
          <Empty description={t('preview.empty')} style={{ padding: 32, background: '#fff', borderRadius: 8, margin: 0 }} />
        </Spin>
      )}
      {result && (
        <Spin spinning={run.isPending}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <RunStatus result={result} />
            {(result.header || result.record) && (
              <Row gutter={[16, 16]}>
                {result.header && (
                  <Col xs={24} lg={result.record ? 12 : 24}>
                    <VoucherHeader header={result.header} missing={result.missing} />
                  </Col>
                )}
                {result.record && (
                  <Col xs={24} lg={result.header ? 12 : 24}>
                    <SourceRecord record={result.record} />
                  </Col>
                )}
              </Row>
            )}
            {result.lines.length > 0 && <VoucherLines lines={result.lines} totals={result.totals} verdict={voucherVerdict(result)} missing={result.missing} />}
            <RunErrors errors={result.errors} compileErrors={result.compileErrors} targetFormat={result.mapping.targetFormat} spec={m.spec} />
            {result.document && <TargetDocument document={result.document} targetFormat={result.mapping.targetFormat} />}
            {result.trace.length > 0 && <ValueTrace trace={result.trace} />}
          </Space>
        </Spin>
      )}
    </Space>
  );
}
