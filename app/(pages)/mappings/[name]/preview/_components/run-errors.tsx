'use client';

import { Card, Table, Typography, type TableColumnsType } from 'antd';
import { useI18n } from '../../../../../_i18n/client';
import { runErrorText } from '../../../../../_lib/run-error-text';
import { problemNames, problemText } from '../../../../../_canvas/problem-text';
import type { MappingSpec } from '#server/engine/spec';
import { getCatalogue } from '#server/ledgers/catalogues';
import type { PreviewResult } from '../../../../../_trpc/types';
import { FieldName } from './field-name';

type RunError = PreviewResult['errors'][number];
type CompileError = PreviewResult['compileErrors'][number];

/**
 * Every problem of the run, one per row: which OA field, which detail row, what value, and what is wrong, plus
 * the mapping node that noticed it. Mapping (compile) problems are listed apart: they are the analyst's to fix.
 */
export function RunErrors({ errors, compileErrors, targetFormat, spec = null }: { errors: RunError[]; compileErrors: CompileError[]; targetFormat?: string; spec?: MappingSpec | null }) {
  const { t, label } = useI18n();
  // The preview page has no canvas: nodes and lines are named from the saved spec, voucher fields by the catalogue.
  const problemContext = { t, label, spec, targetFields: (targetFormat ? getCatalogue(targetFormat)?.fields : undefined) ?? [] };
  const names = problemNames(problemContext);
  if (errors.length === 0 && compileErrors.length === 0) return null;

  const columns: TableColumnsType<RunError> = [
    { title: t('errors.field'), key: 'field', width: 240, render: (_, e) => <FieldName id={e.field} labels={e.fieldLabel} /> },
    { title: t('errors.row'), dataIndex: 'row', width: 70, align: 'right', render: (row: number | null) => row ?? '—' },
    {
      title: t('errors.value'),
      dataIndex: 'value',
      width: 180,
      render: (v: string | null) =>
        v === null ? <Typography.Text type="secondary">—</Typography.Text> : <Typography.Text code style={{ wordBreak: 'break-all' }}>{v}</Typography.Text>,
    },
    {
      title: t('errors.message'),
      key: 'message',
      render: (_, e) => {
        const text = runErrorText(e, t, label);
        return (
          <div>
            <Typography.Text type="danger">{text}</Typography.Text>
            {/* The engine's own words beside a translation: what IT searches logs and the CLI's output for. */}
            {text !== e.message && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{e.message}</div>}
            <div>
              <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                {e.code}
                {e.target && ` · ${e.target}`}
              </Typography.Text>
            </div>
          </div>
        );
      },
    },
    {
      title: t('errors.node'),
      key: 'node',
      width: 170,
      render: (_, e) =>
        e.node ? (
          <div>
            {e.nodeLabel && <div>{e.nodeLabel}</div>}
            <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
              {e.node}
            </Typography.Text>
          </div>
        ) : (
          '—'
        ),
    },
  ];

  const compileColumns: TableColumnsType<CompileError> = [
    {
      title: t('errors.where'),
      key: 'where',
      width: 240,
      // The node or line by its name; its id below it, small, for whoever searches the spec file.
      render: (_, e) =>
        e.node || e.line ? (
          <div>
            <div>{e.node ? names.node(e.node) : names.line(e.line)}</div>
            <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>{e.node ?? e.line}</Typography.Text>
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: t('errors.message'),
      key: 'message',
      render: (_, e) => (
        <Typography.Text type="danger" title={e.message}>
          {problemText(e, problemContext)}
        </Typography.Text>
      ),
    },
    { title: t('errors.code'), dataIndex: 'code', width: 180, render: (c: string) => <span className="mono">{c}</span> },
  ];

  return (
    <>
      {errors.length > 0 && (
        <Card title={t('errors.title', { count: errors.length })} size="small">
          <Table<RunError>
            data-testid="preview-errors-table"
            rowKey={(e) => errors.indexOf(e)}
            size="small"
            columns={columns}
            dataSource={errors}
            pagination={errors.length > 20 ? { pageSize: 20 } : false}
          />
        </Card>
      )}
      {compileErrors.length > 0 && (
        <Card title={t('errors.compileTitle', { count: compileErrors.length })} size="small">
          <Table<CompileError> rowKey={(e) => compileErrors.indexOf(e)} size="small" columns={compileColumns} dataSource={compileErrors} pagination={false} />
        </Card>
      )}
    </>
  );
}
