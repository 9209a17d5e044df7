'use client';

import { DeleteOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { skipToken } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Input, Select, Typography } from 'antd';
import type { ParamDef } from '#server/engine/functions/types';
import type { MappingNode } from '#server/engine/spec';
import { VALUE_TYPES } from '#server/engine/values';
import { commentNode, deleteNode, patchNode, renameNode, setExpressionInputs, setLookupColumns, setLookupTable, setParams } from '../../../../../_canvas/commands';
import { keepLookupAsOf } from '../../../../../_canvas/lookup-dates';
import { useEditorStore } from '../../../../../_canvas/store';
import { useI18n } from '../../../../../_i18n/client';
import { useTRPC } from '../../../../../_trpc/client';
import type { RouterOutputs } from '../../../../../_trpc/types';
import { ExpressionHelp } from './expression-help';
import { InputPickers } from './input-pickers';
import { LookupDateColumn } from './lookup-date-column';
import { ParamInput } from './param-input';

type Palette = RouterOutputs['catalogues']['functions'];

/** The selected node's name, comment and settings. Every edit is a spec command: the canvas and preview follow. */
export function NodeInspector({ palette }: { palette: Palette | undefined }) {
  const { t, label } = useI18n();
  const spec = useEditorStore((s) => s.spec);
  const selected = useEditorStore((s) => s.selectedNode);
  const catalogueLabel = useEditorStore((s) => s.nodes.find((n) => n.id === s.selectedNode)?.data.catalogueLabel);
  const apply = useEditorStore((s) => s.apply);
  const readOnly = useEditorStore((s) => s.readOnly);
  const node = spec?.nodes.find((n) => n.id === selected);
  if (!spec || !node)
    return (
      <Card size="small" title={t('editor.inspector')}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('editor.nothingSelected')} />
      </Card>
    );
  const fn = node.kind === 'function' ? palette?.functions.find((f) => f.id === node.fn) : undefined;
  // Every edit applies to the spec as it is when the event happens, not as this render saw it: two quick edits
  // (a name typed, then an option picked before the next render) must both stay.
  const now = () => useEditorStore.getState().spec ?? spec;
  const nodeNow = () => now().nodes.find((n) => n.id === node.id);
  const setParam = (name: string, value: unknown) => {
    const current = nodeNow();
    apply(setParams(now(), node.id, { ...(current?.kind === 'function' ? current.params : {}), [name]: value }));
  };
  return (
    <Card
      size="small"
      title={`${t('editor.inspector')} · ${t(`editor.kind.${node.kind}`)}`}
      extra={!readOnly && <Button size="small" danger type="text" icon={<DeleteOutlined />} aria-label={t('editor.delete')} onClick={() => apply(deleteNode(now(), node.id))} />}
      data-testid="editor-inspector"
    >
      <Form layout="vertical" size="small" style={{ fontSize: 12 }}>
        <Typography.Text type="secondary" className="mono" style={{ fontSize: 11 }}>{node.id}</Typography.Text>
        {fn && <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 8px' }}>{label(fn.description)}</Typography.Paragraph>}
        <Form.Item label={t('editor.name')} style={{ marginBottom: 8 }}>
          <Input
            aria-label={t('editor.name')}
            value={node.label ?? ''}
            placeholder={t('editor.namePlaceholder', { name: label(catalogueLabel) ?? node.id })}
            onChange={(e) => apply(renameNode(now(), node.id, e.target.value))}
          />
        </Form.Item>
        <Form.Item label={t('editor.comment')} style={{ marginBottom: 8 }}>
          <Input.TextArea aria-label={t('editor.comment')} autoSize={{ minRows: 1, maxRows: 4 }} value={node.comment ?? ''} onChange={(e) => apply(commentNode(now(), node.id, e.target.value))} />
        </Form.Item>
        {node.kind === 'function' && fn && fn.params.length > 0 && (
          <FunctionParams params={fn.params} values={node.params} onChange={setParam} />
        )}
        <KindSettings
          node={node}
          onPatch={(patch) => apply(patchNode(now(), node.id, patch))}
          onLookupColumns={(columns) => apply(setLookupColumns(now(), node.id, columns))}
          onLookupTable={(table, columns) => apply(keepLookupAsOf(setLookupTable(now(), node.id, table, columns), node.id, columns))}
          onExpressionInputs={(inputs) => apply(setExpressionInputs(now(), node.id, inputs))}
        />
        <InputPickers node={node} />
      </Form>
    </Card>
  );
}

function FunctionParams({ params, values, onChange }: { params: ParamDef[]; values: Record<string, unknown>; onChange: (name: string, value: unknown) => void }) {
  const { label } = useI18n();
  return (
    <>
      {params.map((p) => (
        <Form.Item key={p.name} label={label(p.label) ?? p.name} help={label(p.help) ?? undefined} style={{ marginBottom: 8 }}>
          <ParamInput def={p} value={values[p.name]} onChange={(v) => onChange(p.name, v)} />
        </Form.Item>
      ))}
    </>
  );
}

interface KindSettingsProps {
  node: MappingNode;
  onPatch: (patch: Record<string, unknown>) => void;
  onLookupColumns: (columns: string[]) => void;
  onLookupTable: (table: string, columns: string[]) => void;
  onExpressionInputs: (inputs: string[]) => void;
}

function KindSettings({ node, onPatch, onLookupColumns, onLookupTable, onExpressionInputs }: KindSettingsProps) {
  const { t } = useI18n();
  switch (node.kind) {
    case 'constant':
      return (
        <>
          <Form.Item label={t('editor.constantType')} style={{ marginBottom: 8 }}>
            <Select
              aria-label={t('editor.constantType')}
              value={node.valueType}
              options={['text', 'number', 'money', 'date', 'boolean'].map((v) => ({ value: v, label: v }))}
              onChange={(valueType) => onPatch({ valueType, value: valueType === 'boolean' ? true : '' })}
            />
          </Form.Item>
          <Form.Item label={t('editor.constantValue')} style={{ marginBottom: 8 }}>
            {node.valueType === 'boolean' ? (
              <Select aria-label={t('editor.constantValue')} value={String(node.value)} options={[{ value: 'true' }, { value: 'false' }]} onChange={(v) => onPatch({ value: v === 'true' })} />
            ) : (
              <Input aria-label={t('editor.constantValue')} value={String(node.value)} onChange={(e) => onPatch({ value: e.target.value })} />
            )}
          </Form.Item>
        </>
      );
    case 'check':
      return (
        <>
          <Form.Item label={t('editor.checkMessageZh')} style={{ marginBottom: 8 }}>
            <Input aria-label={t('editor.checkMessageZh')} value={node.message.zh ?? ''} onChange={(e) => onPatch({ message: { ...node.message, zh: e.target.value } })} />
          </Form.Item>
          <Form.Item label={t('editor.checkMessageEn')} style={{ marginBottom: 8 }}>
            <Input aria-label={t('editor.checkMessageEn')} value={node.message.en ?? ''} onChange={(e) => onPatch({ message: { ...node.message, en: e.target.value } })} />
          </Form.Item>
          <CheckField node={node} onPatch={onPatch} />
        </>
      );
    case 'lookup':
      return <LookupSettings node={node} onPatch={onPatch} onColumns={onLookupColumns} onTable={onLookupTable} />;
    case 'expression':
      return (
        <>
          <Form.Item label={t('editor.expressionText')} help={t('editor.expressionHelp')} style={{ marginBottom: 8 }}>
            <Input.TextArea
              aria-label={t('editor.expressionText')}
              className="mono"
              autoSize={{ minRows: 3, maxRows: 10 }}
              spellCheck={false}
              value={node.expression}
              // The spec refuses an empty expression: keep the last one until something is typed.
              onChange={(e) => e.target.value.trim() && onPatch({ expression: e.target.value })}
            />
          </Form.Item>
          <ExpressionHelp />
          <Form.Item label={t('editor.expressionInputs')} help={t('editor.expressionInputsHelp')} style={{ marginBottom: 8 }}>
            <Select aria-label={t('editor.expressionInputs')} mode="tags" value={node.inputs} open={false} tokenSeparators={[',', ' ']} onChange={onExpressionInputs} />
          </Form.Item>
          <Form.Item label={t('editor.expressionOutput')} style={{ marginBottom: 8 }}>
            <Select
              aria-label={t('editor.expressionOutput')}
              value={node.outputType}
              options={VALUE_TYPES.map((v) => ({ value: v, label: v }))}
              onChange={(outputType) => onPatch({ outputType })}
            />
          </Form.Item>
        </>
      );
    default:
      return null;
  }
}

/**
 * The form field a failed check names. Left empty, the engine names the first field feeding the check, which is
 * not always the one the claimant must correct (a total compared with the rows' sum should point at the total).
 */
function CheckField({ node, onPatch }: { node: Extract<MappingNode, { kind: 'check' }>; onPatch: (patch: Record<string, unknown>) => void }) {
  const { t, label } = useI18n();
  const template = useEditorStore((s) => s.catalogues.template);
  const options = (template?.fields ?? []).flatMap((f) => {
    const name = label(f.label) ?? f.id;
    return [
      { value: f.id, label: name },
      ...(f.columns ?? []).map((c) => ({ value: c.id, label: `${name} / ${label(c.label) ?? c.id}` })),
    ];
  });
  return (
    <Form.Item label={t('editor.checkField')} help={t('editor.checkFieldHelp')} style={{ marginBottom: 8 }}>
      <Select
        aria-label={t('editor.checkField')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={node.field}
        options={options}
        // No field is stored as no key, so the engine's default applies again.
        onChange={(field: string | undefined) => onPatch({ field: field || undefined })}
      />
    </Form.Item>
  );
}

function LookupSettings({
  node,
  onPatch,
  onColumns,
  onTable,
}: {
  node: Extract<MappingNode, { kind: 'lookup' }>;
  onPatch: (patch: Record<string, unknown>) => void;
  onColumns: (columns: string[]) => void;
  onTable: (table: string, columns: string[]) => void;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const tables = useQuery(trpc.tables.list.queryOptions());
  const table = useQuery(trpc.tables.get.queryOptions(node.table ? { name: node.table } : skipToken));
  const columns = (table.data?.columns ?? []).map((c) => ({ value: c, label: c }));
  return (
    <>
      <Form.Item label={t('editor.lookupTable')} style={{ marginBottom: 8 }}>
        <Select
          aria-label={t('editor.lookupTable')}
          value={node.table}
          options={(tables.data ?? []).map((x) => ({ value: x.name, label: x.name }))}
          onChange={(name: string) => onTable(name, tables.data?.find((x) => x.name === name)?.columns ?? [])}
        />
      </Form.Item>
      <Form.Item label={t('editor.lookupKey')} style={{ marginBottom: 8 }}>
        <Select aria-label={t('editor.lookupKey')} value={node.keyColumn} options={columns} onChange={(keyColumn) => onPatch({ keyColumn })} />
      </Form.Item>
      <LookupDateColumn node={node} columns={table.data?.columns ?? []} />
      <Form.Item label={t('editor.lookupColumns')} style={{ marginBottom: 8 }}>
        <Select
          aria-label={t('editor.lookupColumns')}
          mode="multiple"
          value={node.columns}
          options={columns}
          onChange={(cols: string[]) => onColumns(cols)}
        />
      </Form.Item>
      <Form.Item label={t('editor.lookupOnMiss')} style={{ marginBottom: 8 }}>
        <Select
          aria-label={t('editor.lookupOnMiss')}
          value={node.onMiss}
          options={[{ value: 'error', label: t('editor.onMissError') }, { value: 'default', label: t('editor.onMissDefault') }]}
          onChange={(onMiss) => onPatch({ onMiss })}
        />
      </Form.Item>
      {node.onMiss === 'default' && (
        <Form.Item label={t('editor.lookupDefault')} style={{ marginBottom: 8 }}>
          <Input aria-label={t('editor.lookupDefault')} value={node.defaultValue ?? ''} onChange={(e) => onPatch({ defaultValue: e.target.value })} />
        </Form.Item>
      )}
    </>
  );
}
