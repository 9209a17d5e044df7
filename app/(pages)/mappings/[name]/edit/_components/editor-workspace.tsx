'use client';

import { LinkOutlined, PushpinOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { lazy, memo, startTransition, Suspense, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { FormTemplate } from '#server/engine/form-record';
import type { MappingNode, MappingSpec } from '#server/engine/spec';
import { addFunctionNode, addLineTemplate, addNode, connect, ensureSourceNode, ensureTargetNode, freshId } from '../../../../../_canvas/commands';
import { LinkOverlay } from '../../../../../_canvas/link-overlay';
import { MappingCanvas } from '../../../../../_canvas/mapping-canvas';
import { gateLabel, isGate, portsOf, targetFieldOf } from '../../../../../_canvas/ports';
import { useEditorStore } from '../../../../../_canvas/store';
import { useI18n } from '../../../../../_i18n/client';
import { useTRPC } from '../../../../../_trpc/client';
import { FieldSuggestions } from './field-suggestions';
import { RefusalBanner } from './editor-toolbar';
import { ProblemsPanel } from './problems-panel';
import { RecipeMenu } from './recipe-menu';
import { SourceTree, type PickedSource } from './source-tree';
import { TargetTree, type PickedTarget } from './target-tree';

/** Its own chunk (below-canvas.tsx): inspector, palette, settings and the live preview with the whole pipeline. */
const BelowCanvas = lazy(() => import('./below-canvas'));
/** Its own chunk too (antd's Form): fetched with the panels below the canvas, shown when a line is opened. */
const loadLineSettings = () => import('./line-inspector');
const LineSettingsPanel = lazy(() => loadLineSettings().then((m) => ({ default: m.LineSettingsPanel })));

/**
 * Trees, canvas, palette, inspector and live preview; a picked source and target field link with Enter. Memoised:
 * the save status above it changes with every edit, and that alone must not re-render the whole workspace.
 */
export const EditorWorkspace = memo(function EditorWorkspace({ template, connector }: { template: FormTemplate | null; connector: string }) {
  const { t, label } = useI18n();
  const spec = useEditorStore((s) => s.spec);
  const catalogues = useEditorStore((s) => s.catalogues);
  const refusal = useEditorStore((s) => s.refusal);
  const apply = useEditorStore((s) => s.apply);
  const refuse = useEditorStore((s) => s.refuse);
  const select = useEditorStore((s) => s.select);
  // A reader (viewer, integrator) sees the same workspace without what edits: no palette, no placing or linking,
  // the inspectors showing values in disabled controls.
  const readOnly = useEditorStore((s) => s.readOnly);
  const [source, setSource] = useState<PickedSource | null>(null);
  const [target, setTarget] = useState<PickedTarget | null>(null);
  const [line, setLine] = useState<string | null>(null);
  /** The line template just added: its settings take the focus once, on its name. */
  const [focusLine, setFocusLine] = useState<string | null>(null);
  const paletteActions = usePaletteActions();
  const acceptSuggestion = useRef<(() => void) | null>(null);
  const settingsPanel = useRef<HTMLDivElement>(null);
  const panels = { container: useRef<HTMLDivElement>(null), source: useRef<HTMLDivElement>(null), target: useRef<HTMLDivElement>(null), canvas: useRef<HTMLDivElement>(null) };
  // The trees follow the spec at a lower priority than the canvas: the edit's own render skips the 500-row trees,
  // which re-render in a render of their own right after (they only mark what is placed or linked).
  const treeSpec = useDeferredValue(spec);
  const below = useAfterFirstCommit();
  // React Flow's store starts with the canvas's nodes and edges: drawn in the editor's first render, not in a
  // second one after React Flow copies its props in (~30 ms of the demo's opening).
  const [flowStart] = useState(() => {
    const { nodes, edges } = useEditorStore.getState();
    return { nodes, edges };
  });

  // Edits read the store's spec when they happen, so the trees holding these callbacks need not re-render for them.
  const current = () => useEditorStore.getState();
  const placeSource = (s: PickedSource) => {
    const spec = current().spec!;
    const r = ensureSourceNode(spec, { field: s.field, table: s.table, column: s.column, meta: s.meta, type: s.type, label: s.label });
    if (r.spec !== spec) apply(r.spec);
    return r;
  };
  const placeTarget = (tg: PickedTarget) => {
    const spec = current().spec!;
    const r = ensureTargetNode(spec, tg.line, tg.field);
    if (r.spec !== spec) apply(r.spec);
    return r;
  };
  /** Links a form field to a voucher field, placing either on the canvas first when it is not there yet. */
  const link = useCallback(
    (from: PickedSource, to: PickedTarget) => {
      const { spec, catalogues, readOnly } = useEditorStore.getState();
      if (!spec || readOnly) return;
      const s = ensureSourceNode(spec, { field: from.field, table: from.table, column: from.column, meta: from.meta, type: from.type, label: from.label });
      const tg = ensureTargetNode(s.spec, to.line, to.field);
      const node = tg.spec.nodes.find((n) => n.id === s.id)!;
      const out = portsOf(node, { targetFields: catalogues.targetFields }).outputs[0];
      if (!out) return refuse({ code: 'unknown_port', node: s.id, port: '' });
      const r = connect(tg.spec, { node: s.id, port: out.name }, { node: tg.id, port: 'value' }, catalogues);
      if (r.ok) apply(r.spec);
      else refuse(r.reason);
    },
    [apply, refuse],
  );
  const addLine = useCallback(() => {
    const spec = useEditorStore.getState().spec;
    if (!spec) return;
    const id = freshId({ ...spec, nodes: spec.lines.map((l) => ({ id: l.id, kind: 'constant', valueType: 'text', value: '' })) }, 'line');
    apply(addLineTemplate(spec, { id, label: { zh: t('editor.lines.newLabel'), en: t('editor.lines.newLabel') }, repeat: 'once' }));
    setLine(id);
    setFocusLine(id);
  }, [apply, t]);
  // Made once: a new element on every edit would re-render the memoised voucher tree beside the canvas.
  const recipes = useMemo(
    () => (
      <RecipeMenu
        template={template}
        onApplied={(r) => {
          setLine(r.lines[0] ?? null);
          const first = r.spec.nodes.find((n) => n.kind === 'target' && n.line === r.lines[0]);
          if (first) select(first.id, true);
        }}
      />
    ),
    [template, select],
  );
  if (!spec || !treeSpec) return null;

  const linkPicked = () => source && target && link(source, target);
  const targetName = (tg: PickedTarget) => label(targetFieldOf(catalogues.targetFields, tg.line, tg.field)?.label ?? (isGate(tg.field) ? gateLabel(tg.field) : null)) ?? tg.field;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !readOnly && !e.defaultPrevented && source && target && !(e.target instanceof HTMLInputElement) && !(e.target instanceof HTMLTextAreaElement)) {
      e.preventDefault();
      linkPicked();
    } else if (e.key === 'Enter' && !readOnly && !e.defaultPrevented && !source && acceptSuggestion.current && !(e.target instanceof HTMLInputElement) && !(e.target instanceof HTMLTextAreaElement)) {
      // A voucher field picked alone: Enter takes the first suggested form field.
      e.preventDefault();
      acceptSuggestion.current();
    }
  };
  return (
    <div onKeyDown={onKeyDown} tabIndex={-1} style={{ outline: 'none' }}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {refusal && <RefusalBanner refusal={refusal} onClose={() => useEditorStore.setState({ refusal: null })} />}
        {/* Above the canvas, so what blocks publishing is in view the moment the editor opens. */}
        <ProblemsPanel onOpenLine={setLine} onOpenSettings={() => settingsPanel.current?.scrollIntoView({ behavior: 'smooth', block: 'start' })} />
        {/* One React Flow store for the canvas and the connectors drawn from the trees to its nodes. */}
        <ReactFlowProvider initialNodes={flowStart.nodes} initialEdges={flowStart.edges}>
          <div ref={panels.container} style={{ position: 'relative', display: 'grid', gridTemplateColumns: '260px minmax(0, 1fr) 280px', gap: 12, height: 640 }}>
            <div ref={panels.source} style={{ minHeight: 0 }}>
              <SourceTree template={template} spec={treeSpec} picked={source} onPick={setSource} />
            </div>
            {/* A line template's settings open beside the canvas, where the analyst is working. */}
            <div style={{ display: 'flex', minWidth: 0, background: '#fff', border: '1px solid #e5e8ef', borderRadius: 8, overflow: 'hidden' }}>
              <div ref={panels.canvas} style={{ flex: 1, minWidth: 0 }}>
                <MappingCanvas />
              </div>
              {line && (
                <Suspense fallback={null}>
                  <LineSettingsPanel lineId={line} template={template} focusName={focusLine === line} onClose={() => setLine(null)} />
                </Suspense>
              )}
            </div>
            <div ref={panels.target} style={{ minHeight: 0 }}>
              <TargetTree fields={catalogues.targetFields} spec={treeSpec} template={template} picked={target} openLine={line} addedLine={focusLine} onPick={setTarget} onPickLine={setLine} onAddLine={readOnly ? undefined : addLine} onDropSource={link} recipes={readOnly ? undefined : recipes} />
            </div>
            <LinkOverlay {...panels} />
          </div>
        </ReactFlowProvider>
        {!readOnly && (
          <Space size={8} wrap>
            <Button size="small" icon={<PushpinOutlined />} disabled={!source} onClick={() => source && select(placeSource(source).id, true)}>
              {t('editor.place')} {source ? `· ${source.label}` : ''}
            </Button>
            <Button size="small" icon={<PushpinOutlined />} disabled={!target} onClick={() => target && select(placeTarget(target).id, true)} data-testid="editor-place-target">
              {t('editor.place')} {target ? `· ${targetName(target)}` : ''}
            </Button>
            <Button size="small" type="primary" icon={<LinkOutlined />} disabled={!source || !target} onClick={linkPicked}>
              {t('editor.link')}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('editor.linkHint')}</Typography.Text>
            <FieldSuggestions template={template} target={target} onAccept={link} acceptFirst={acceptSuggestion} />
          </Space>
        )}
        {below && (
          <Suspense fallback={null}>
            <BelowCanvas paletteActions={paletteActions} readOnly={readOnly} connector={connector} settingsPanel={settingsPanel} />
          </Suspense>
        )}
      </Space>
    </div>
  );
});

/**
 * True from the render after the first: the panels below the canvas (inspector, palette, settings, live preview;
 * below-canvas.tsx, a chunk of its own) mount in a transition, which React interrupts for the canvas measuring its
 * nodes, so the trees and canvas become workable first (bench:ui "open → interactive"; the preview's own time is "open → preview shown").
 */
function useAfterFirstCommit(): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    startTransition(() => setAfter(true));
    void loadLineSettings();
  }, []);
  return after;
}

/** The palette's actions, stable across edits: they read the spec when clicked, so the palette need not re-render. */
function usePaletteActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMemo(() => {
    const current = () => useEditorStore.getState().spec!;
    const addAndSelect = (r: { spec: MappingSpec; id: string }) => {
      useEditorStore.getState().apply(r.spec);
      useEditorStore.getState().select(r.id, true);
    };
    return {
      onAddFunction: (fnId: string) => addAndSelect(addFunctionNode(current(), fnId)),
      onAddConstant: () => {
        const id = freshId(current(), 'c.value');
        addAndSelect({ spec: addNode(current(), { id, kind: 'constant', valueType: 'text', value: '' }), id });
      },
      onAddCheck: () => {
        const id = freshId(current(), 'chk.rule');
        addAndSelect({ spec: addNode(current(), { id, kind: 'check', message: { zh: '', en: '' } }), id });
      },
      // The tables are asked for on the first lookup added (cached after), not while the editor opens.
      onAddLookup: async () => {
        const tables = await queryClient.fetchQuery(trpc.tables.list.queryOptions()).catch(() => []);
        addAndSelect(newLookup(current(), tables));
      },
      onAddExpression: () => {
        const id = freshId(current(), 'x.rule');
        addAndSelect({ spec: addNode(current(), { id, kind: 'expression', expression: '$value', inputs: ['value'], outputType: 'text' }), id });
      },
    };
  }, [queryClient, trpc]);
}

/**
 * A new lookup starts as a copy of the first one's table and key (most mappings look up one table many times),
 * else on the first lookup table there is, keyed on its first column and returning its second.
 */
function newLookup(spec: MappingSpec, tables: readonly { name: string; columns: string[] }[]): { spec: MappingSpec; id: string } {
  const id = freshId(spec, 'lk.table');
  const base = spec.nodes.find((n) => n.kind === 'lookup');
  const first = tables.find((t) => t.columns.length > 0);
  const node: MappingNode =
    base && base.kind === 'lookup'
      ? { id, kind: 'lookup', table: base.table, keyColumn: base.keyColumn, columns: [base.columns[0]], onMiss: 'error' }
      : first
        ? { id, kind: 'lookup', table: first.name, keyColumn: first.columns[0], columns: [first.columns[1] ?? first.columns[0]], onMiss: 'error' }
        : // No table yet: the problems panel says the table is unknown until one is made and picked.
          { id, kind: 'lookup', table: 'table', keyColumn: 'key', columns: ['value'], onMiss: 'error' };
  return { spec: addNode(spec, node), id };
}
