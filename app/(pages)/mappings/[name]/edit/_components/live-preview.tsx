'use client';

import { useMutation } from '@tanstack/react-query';
import { Alert, Card, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { MappingSpec } from '#server/engine/spec';
import { useEditorStore } from '../../../../../_canvas/store';
import { useI18n } from '../../../../../_i18n/client';
import { useTRPC } from '../../../../../_trpc/client';
import { PayloadPicker } from '../../preview/_components/payload-picker';
import { RunErrors } from '../../preview/_components/run-errors';
import { RunStatus } from '../../preview/_components/run-status';
import { TargetDocument } from '../../preview/_components/target-document';
import { ValueTrace } from '../../preview/_components/value-trace';
import { VoucherHeader } from '../../preview/_components/voucher-header';
import { VoucherLines } from '../../preview/_components/voucher-lines';

type Input = { sampleId?: number; payloadText?: string };

/** The canvas's source nodes that read the traced OA fields (a trace names fields, the canvas shows nodes). */
function sourceNodesOf(spec: MappingSpec | null, sources: { field: string }[]): string[] {
  const fields = new Set(sources.map((s) => s.field));
  return (spec?.nodes ?? []).flatMap((n) => (n.kind === 'source' && fields.has(n.column ?? n.field ?? n.meta ?? '') ? [n.id] : []));
}

/**
 * The voucher the spec on the canvas makes right now, saved or not: re-run shortly after every edit (the preview
 * page's components, so both pages show a voucher the same way). Errors also go onto the nodes that raised them.
 */
export function LivePreview({ connector }: { connector: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const spec = useEditorStore((s) => s.spec);
  const setNodeErrors = useEditorStore((s) => s.setNodeErrors);
  const setProblems = useEditorStore((s) => s.setProblems);
  const highlight = useEditorStore((s) => s.highlight);
  const [input, setInput] = useState<Input>({});
  const run = useMutation(trpc.preview.runSpec.mutationOptions());
  const { mutate } = run;

  useEffect(() => {
    if (!spec) return;
    // Typing a name fires an edit per key: wait for a pause instead of running the engine on every keystroke.
    const timer = setTimeout(
      () =>
        mutate(
          { spec, ...input },
          {
            onSuccess: (r) => {
              const errors: Record<string, string> = {};
              for (const e of r.compileErrors) if (e.node) errors[e.node] ??= e.message;
              const fields: Record<string, string> = {};
              for (const e of r.errors) {
                if (e.node) errors[e.node] ??= e.message;
                if (e.field) fields[e.field] ??= e.message;
              }
              setNodeErrors(errors, fields);
              setProblems(r.compileErrors);
            },
          },
        ),
      300,
    );
    return () => clearTimeout(timer);
  }, [spec, input, mutate, setNodeErrors, setProblems]);

  const result = run.data;
  // The voucher, errors and trace change only when a run returns, not on every edit that starts one.
  const shown = useMemo(
    () =>
      result && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <RunStatus result={result} />
          {result.header && <VoucherHeader header={result.header} />}
          {result.lines.length > 0 && <VoucherLines lines={result.lines} totals={result.totals} draft={result.kind !== 'ok'} />}
          <RunErrors errors={result.errors} compileErrors={result.compileErrors} />
          {result.document && <TargetDocument document={result.document} targetFormat={result.mapping.targetFormat} />}
          {result.trace.length > 0 && (
            <ValueTrace
              trace={result.trace}
              defaultOpen
              onPick={(e) => highlight([...e.nodes.map((n) => n.id), ...sourceNodesOf(useEditorStore.getState().spec, e.sources)])}
            />
          )}
        </Space>
      ),
    [result, highlight],
  );
  return (
    <Card
      size="small"
      title={t('editor.preview.title')}
      extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('editor.preview.hint')}</Typography.Text>}
      data-testid="editor-preview"
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <PayloadPicker
          connector={connector}
          running={run.isPending}
          onRunSample={(sampleId) => setInput({ sampleId })}
          onRunPayload={(payloadText) => setInput({ payloadText })}
        />
        {run.error && <Alert type="error" showIcon title={t('preview.requestFailed')} description={run.error.message} />}
        {shown && <Spin spinning={run.isPending}>{shown}</Spin>}
      </Space>
    </Card>
  );
}
