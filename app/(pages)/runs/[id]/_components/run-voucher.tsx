'use client';

import { useQuery } from '@tanstack/react-query';
import { Col, Row, Skeleton, Space } from 'antd';
import { summariseRecord } from '#server/pipeline/preview-view';
import type { FormRecord } from '#server/engine';
import type { RunDetail } from '#server/services/runs';
import { useTRPC } from '../../../../_trpc/client';
import { SourceRecord } from '../../../mappings/[name]/preview/_components/source-record';
import { TargetDocument } from '../../../mappings/[name]/preview/_components/target-document';
import { ValueTrace } from '../../../mappings/[name]/preview/_components/value-trace';
import { VoucherHeader } from '../../../mappings/[name]/preview/_components/voucher-header';
import { VoucherLines } from '../../../mappings/[name]/preview/_components/voucher-lines';
import { runTraceView, runVoucherView } from './run-voucher-view';
import { useApplicantName } from './use-applicant-name';

/**
 * The run's voucher, document and trace in the preview's own views, read with the spec of the version that ran
 * (published versions never change, so its labels are the ones the run used).
 */
export function RunVoucher({ run }: { run: RunDetail }) {
  const trpc = useTRPC();
  const version = useQuery({ ...trpc.versions.get.queryOptions({ mapping: run.mapping, version: run.version ?? 1 }), enabled: run.version !== null, staleTime: Infinity });
  const record = run.record as FormRecord | null;
  const spec = version.data?.spec ?? null;
  const name = useApplicantName(record, spec);
  const summary = record ? { ...summariseRecord(record), applicantName: name } : null;
  if (run.version !== null && !version.data && !version.error) return <Skeleton active />;
  const voucher = spec ? runVoucherView(run.voucher, spec) : null;
  const trace = spec ? runTraceView(run.trace, spec, record) : [];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {(voucher || summary) && (
        <Row gutter={[16, 16]}>
          {voucher && (
            <Col xs={24} lg={summary ? 12 : 24}>
              <VoucherHeader header={voucher.header} />
            </Col>
          )}
          {summary && (
            <Col xs={24} lg={voucher ? 12 : 24}>
              <SourceRecord record={summary} />
            </Col>
          )}
        </Row>
      )}
      {voucher && voucher.lines.length > 0 && (
        // A voucher stored without problems is one the engine let out: it balanced, by the engine's own check.
        <VoucherLines
          lines={voucher.lines}
          totals={voucher.totals}
          verdict={run.errors.length === 0 ? { kind: 'balanced', debit: voucher.totals.debit, credit: voucher.totals.credit } : { kind: 'refused', problems: run.errors.length }}
        />
      )}
      {run.document && spec && <TargetDocument document={{ text: run.document, contentType: run.documentType ?? 'text/plain' }} targetFormat={spec.target.format} />}
      {trace.length > 0 && <ValueTrace trace={trace} />}
    </Space>
  );
}
