'use client';

import { useQuery } from '@tanstack/react-query';
import { Skeleton, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { OA_SYSTEMS, type FormTemplate } from '#server/engine/form-record';
import type { MappingSpec } from '#server/engine/spec';
import type { CanvasMarks } from '#server/services/spec-structure';
import { DIFF_COLORS, type DiffMark } from '../../../../../_canvas/diff-flow';
import type { CanvasLayout } from '../../../../../_canvas/layout';
import { MappingCanvas } from '../../../../../_canvas/mapping-canvas';
import { useEditorStore } from '../../../../../_canvas/store';
import { useI18n } from '../../../../../_i18n/client';
import { useTRPC } from '../../../../../_trpc/client';

/**
 * The submitted version on the editor's own canvas, read-only, with what changed painted on: added green, changed
 * amber, removed as red dashed ghosts. `marks` is null for a first version (nothing to compare with).
 */
export function ReviewCanvas({ mapping, spec, marks }: { mapping: string; spec: MappingSpec; marks: CanvasMarks | null }) {
  const trpc = useTRPC();
  // The analyst's arrangement of the draft: most nodes of a version keep their ids, so they keep their places.
  const draft = useQuery({ ...trpc.mappings.get.queryOptions({ name: mapping }), staleTime: Infinity });
  const connector = OA_SYSTEMS.find((c) => c === spec.source.connector);
  const template = useQuery({
    ...trpc.templates.get.queryOptions({ oaSystem: connector ?? 'generic', templateCode: spec.source.templateCode || '-' }),
    enabled: !!connector && !!spec.source.templateCode,
    retry: false,
  });
  const catalogue = useQuery(trpc.catalogues.target.queryOptions({ format: spec.target.format }));
  const load = useEditorStore((s) => s.load);
  const loaded = useEditorStore((s) => s.spec === spec);
  const templateSettled = !connector || !spec.source.templateCode || template.isFetched;
  const templateData = (template.data as FormTemplate | undefined) ?? null;

  useEffect(() => {
    if (!catalogue.data || !templateSettled || !draft.isFetched) return;
    const layout = (draft.data?.layout ?? {}) as CanvasLayout;
    load(spec, layout, { targetFields: catalogue.data.fields, template: templateData }, { readOnly: true, marks: marks ?? undefined });
  }, [spec, marks, catalogue.data, templateData, templateSettled, draft.isFetched, draft.data, load]);

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {marks && <DiffLegend />}
      <div data-testid="review-canvas" style={{ height: 560, background: '#fff', border: '1px solid #e5e8ef', borderRadius: 8, overflow: 'hidden' }}>
        {loaded ? <MappingCanvas /> : <Skeleton active style={{ padding: 16 }} />}
      </div>
    </Space>
  );
}

function DiffLegend() {
  const { t } = useI18n();
  const swatch = (mark: DiffMark) => (
    <Space size={4} key={mark} data-testid={`review-legend-${mark}`}>
      <span
        style={{
          display: 'inline-block',
          width: 14,
          height: 10,
          borderRadius: 2,
          border: `2px ${mark === 'removed' ? 'dashed' : 'solid'} ${DIFF_COLORS[mark]}`,
          opacity: mark === 'removed' ? 0.7 : 1,
        }}
      />
      <Typography.Text style={{ fontSize: 12 }}>{t(`versions.canvas.legend.${mark}`)}</Typography.Text>
    </Space>
  );
  return (
    <Space size={16} wrap data-testid="review-legend">
      {(['added', 'changed', 'removed'] as const).map(swatch)}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('versions.canvas.hint')}</Typography.Text>
    </Space>
  );
}

/** Brings a node into view on the review canvas and selects it (the part shown switches to the whole when needed). */
export function focusCanvasNode(nodeId: string) {
  const store = useEditorStore.getState();
  if (!store.nodes.some((n) => n.id === nodeId)) return;
  store.select(nodeId, true);
}
