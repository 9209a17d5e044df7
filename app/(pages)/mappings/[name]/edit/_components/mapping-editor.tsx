'use client';

import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Result, Skeleton, Space, Tag, Typography } from 'antd';
import Link from 'next/link';
import { memo, useCallback, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { OA_SYSTEMS, type FormTemplate } from '#server/engine/form-record';
import type { CanvasLayout } from '../../../../../_canvas/layout';
import { useEditorStore } from '../../../../../_canvas/store';
import { useI18n } from '../../../../../_i18n/client';
import { useTRPC } from '../../../../../_trpc/client';
import type { RouterOutputs } from '../../../../../_trpc/types';
import { OaSourceTag } from '../../../../_components/oa-source-tag';
import { EditorWorkspace } from './editor-workspace';
import { ConflictBanner, ExportButton, PreviewLink, SaveStatus, SubmitForReviewButton, VersionsLink } from './editor-toolbar';
import { useAutosave } from './use-autosave';
import { useCan } from '../../../../../_components/session';

/** What the page read on the server for the editor's queries to start from; a part missing is fetched here. */
export interface EditorInitialData {
  mapping?: RouterOutputs['mappings']['get'];
  catalogue?: RouterOutputs['catalogues']['target'];
  template?: RouterOutputs['templates']['get'];
}

/** Loads a mapping with its form template and voucher catalogue, then hands them to the canvas. */
export function MappingEditor({ mappingName, initial = {} }: { mappingName: string; initial?: EditorInitialData }) {
  const { t, label } = useI18n();
  const trpc = useTRPC();
  const mapping = useQuery({
    ...trpc.mappings.get.queryOptions({ name: mappingName }),
    initialData: initial.mapping,
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });
  const m = mapping.data;
  const connector = OA_SYSTEMS.find((c) => c === m?.sourceConnector);
  const template = useQuery({
    ...trpc.templates.get.queryOptions({ oaSystem: connector ?? 'generic', templateCode: m?.templateCode || '-' }),
    // The server's copy only for the template of the mapping it read (a conflict reload may bring another).
    initialData: initial.template?.templateCode === m?.templateCode && initial.template?.oaSystem === connector ? initial.template : undefined,
    enabled: !!m && !!connector && !!m.templateCode,
    retry: false,
  });
  const catalogue = useQuery({
    ...trpc.catalogues.target.queryOptions({ format: m?.targetFormat ?? '-' }),
    initialData: initial.catalogue && initial.catalogue.format === m?.targetFormat ? initial.catalogue : undefined,
    enabled: !!m,
  });
  const load = useEditorStore((s) => s.load);
  const [loadedRevision, setLoadedRevision] = useState<number | null>(null);
  const templateData = (template.data as FormTemplate | undefined) ?? null;
  // Settled: arrived (from the server's page or a fetch) or failed; `isFetched` stays false for initial data.
  const templateSettled = !m?.templateCode || !connector || !template.isPending;

  // A role that may not save drafts (viewer, integrator) reads the editor: the canvas is read-only, nothing is
  // sent, a tag says so.
  const canSave = useCan('mappings.saveDraft');
  // Before the first paint: with the page's data at hand the editor opens without a frame of skeleton between.
  useLayoutEffect(() => {
    if (!m || !catalogue.data || !templateSettled) return;
    load(m.spec, (m.layout ?? {}) as CanvasLayout, { targetFields: catalogue.data.fields, template: templateData }, { readOnly: !canSave });
    setLoadedRevision(m.revision);
  }, [m, catalogue.data, templateData, templateSettled, load, canSave]);

  const { refetch } = mapping;
  const reload = useCallback(() => void refetch(), [refetch]);
  const title = useMemo(() => (m ? (label(m.label) ?? m.name) : mappingName), [m, label, mappingName]);

  if (mapping.error?.data?.code === 'NOT_FOUND')
    return <Result status="404" title={t('preview.notFound', { name: mappingName })} extra={<Button type="primary" href="/">{t('preview.backToList')}</Button>} />;
  if (mapping.error) return <Alert type="error" showIcon title={t('common.loadFailed')} description={mapping.error.message} />;
  if (!m || loadedRevision === null || !catalogue.data) return <Skeleton active />;

  return (
    // Full width: the canvas and both trees need more room than the list pages' reading width.
    <div style={{ width: 'calc(100vw - 48px)', marginLeft: 'calc(50% - 50vw + 24px)' }}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Breadcrumb items={[{ title: <Link href="/">{t('mappings.title')}</Link> }, { title }, { title: t('editor.title') }]} />
        <SavingHeader
          mappingName={mappingName}
          name={m.name}
          revision={canSave ? loadedRevision : null}
          onReload={reload}
          lead={
            <>
              <Typography.Title level={3} style={{ margin: 0 }}>{title}</Typography.Title>
              <OaSourceTag connector={m.sourceConnector} />
              <Typography.Text type="secondary">→ {label(catalogue.data.label) ?? m.targetFormat}</Typography.Text>
            </>
          }
          links={
            <>
              <PreviewLink name={m.name} />
              <ExportButton />
              <VersionsLink name={m.name} />
            </>
          }
        />
        <EditorWorkspace template={templateData} connector={m.sourceConnector} />
      </Space>
    </div>
  );
}

interface SavingHeaderProps {
  mappingName: string;
  name: string;
  /** The revision loaded, or null for a reader (nothing is saved, a tag says so). */
  revision: number | null;
  onReload: () => void;
  /** Made by the editor, which does not re-render on edits: React skips these when the save status changes. */
  lead: ReactNode;
  links: ReactNode;
}

/**
 * The part of the editor's header that follows every edit (the save status; submitting needs a saved draft; the
 * conflict banner). Kept apart so an edit re-renders a tag and a button, not the editor's whole frame: the link
 * → preview time is spent in the renders an edit causes.
 */
const SavingHeader = memo(function SavingHeader({ mappingName, name, revision, onReload, lead, links }: SavingHeaderProps) {
  const { t } = useI18n();
  const save = useAutosave(mappingName, revision);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space size={12} wrap align="center">
        {lead}
        {revision !== null ? <SaveStatus state={save} /> : <Tag data-testid="editor-read-only">{t('auth.readOnly')}</Tag>}
        {links}
        <SubmitForReviewButton name={name} saved={save.kind === 'saved'} />
      </Space>
      {save.kind === 'conflict' && <ConflictBanner revision={save.revision} onReload={onReload} />}
    </Space>
  );
});
