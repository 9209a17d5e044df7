'use client';

import {
  CheckCircleOutlined, CloudSyncOutlined, DownloadOutlined, EditOutlined, ExclamationCircleOutlined, EyeOutlined, HistoryOutlined, SendOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Tag } from 'antd';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { Refusal } from '../../../../../_canvas/commands';
import { useEditorStore } from '../../../../../_canvas/store';
import { useCan } from '../../../../../_components/session';
import { useI18n } from '../../../../../_i18n/client';
import { useTRPC } from '../../../../../_trpc/client';
import type { SaveState } from './use-autosave';

export function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useI18n();
  switch (state.kind) {
    case 'saved':
      return <Tag data-testid="editor-save-status" icon={<CheckCircleOutlined />} color="success">{t('editor.save.saved', { revision: state.revision })}</Tag>;
    case 'dirty':
      return <Tag data-testid="editor-save-status" icon={<EditOutlined />}>{t('editor.save.unsaved')}</Tag>;
    case 'saving':
      return <Tag data-testid="editor-save-status" icon={<CloudSyncOutlined spin />} color="processing">{t('editor.save.saving')}</Tag>;
    case 'failed':
      return <Tag data-testid="editor-save-status" icon={<ExclamationCircleOutlined />} color="error">{t('editor.save.failed', { message: state.message })}</Tag>;
    case 'conflict':
      return <Tag data-testid="editor-save-status" icon={<ExclamationCircleOutlined />} color="warning">{t('editor.save.conflictTitle')}</Tag>;
  }
}

export function PreviewLink({ name }: { name: string }) {
  const { t } = useI18n();
  return (
    <Link href={`/mappings/${encodeURIComponent(name)}/preview`}>
      <EyeOutlined /> {t('editor.openPreview')}
    </Link>
  );
}

/**
 * Downloads the spec as it stands on the canvas, in the same form as `ledgerlink mappings export`, so an analyst
 * can put it under review in git or run it with `ledgerlink map --mapping FILE` before publishing.
 */
export function ExportButton() {
  const { t } = useI18n();
  const hasSpec = useEditorStore((s) => s.spec !== null);
  const download = () => {
    const spec = useEditorStore.getState().spec;
    if (!spec) return;
    const url = URL.createObjectURL(new Blob([JSON.stringify(spec, null, 2) + '\n'], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${spec.name}.json`;
    a.click();
    // The click has handed the blob to the download by the time the next task runs.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <Button size="small" icon={<DownloadOutlined />} disabled={!hasSpec} onClick={download} data-testid="editor-export">
      {t('editor.exportJson')}
    </Button>
  );
}

/** A stale save is never retried over someone else's work: the analyst reloads and sees what is saved now. */
export function ConflictBanner({ revision, onReload }: { revision: number; onReload: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="editor-conflict"
      title={t('editor.save.conflictTitle')}
      description={t('editor.save.conflictBody', { revision })}
      action={<Button type="primary" onClick={onReload}>{t('editor.save.reload')}</Button>}
    />
  );
}

export function RefusalBanner({ refusal, onClose }: { refusal: Refusal; onClose: () => void }) {
  const { t } = useI18n();
  const values = refusal.code === 'type_mismatch' ? { fromType: refusal.fromType, toType: refusal.toType } : undefined;
  return (
    <Alert type="error" showIcon closable={{ onClose }} data-testid="editor-refusal" title={t('editor.refusal.title')} description={t(`editor.refusal.${refusal.code}`, values)} />
  );
}

export function VersionsLink({ name }: { name: string }) {
  const { t } = useI18n();
  return (
    <Link href={`/mappings/${encodeURIComponent(name)}/versions`} data-testid="editor-versions">
      <HistoryOutlined /> {t('versions.open')}
    </Link>
  );
}

/**
 * Freezes the saved draft as the next version, for an administrator to review. Only once the draft is saved: what
 * is frozen is what the server holds, so unsaved edits on the canvas must not look submitted.
 */
export function SubmitForReviewButton({ name, saved }: { name: string; saved: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const router = useRouter();
  const allowed = useCan('versions.submit');
  const submit = useMutation(
    trpc.versions.submit.mutationOptions({
      onSuccess: (r) => {
        message.success(t('versions.submit.done', { version: r.version }));
        void queryClient.invalidateQueries({ queryKey: trpc.versions.pathKey() });
        router.push(`/mappings/${encodeURIComponent(name)}/versions/${r.version}`);
      },
      onError: (e) => message.error(e.message),
    }),
  );
  if (!allowed) return null;
  const ask = () => {
    let note = '';
    modal.confirm({
      title: t('versions.submit.title'),
      icon: <SendOutlined />,
      content: (
        <div>
          <p>{t('versions.submit.body')}</p>
          <Input.TextArea aria-label={t('versions.submit.note')} placeholder={t('versions.submit.note')} onChange={(e) => (note = e.target.value)} data-testid="submit-note" />
        </div>
      ),
      okText: t('versions.submit.button'),
      onOk: () => submit.mutateAsync({ mapping: name, note }),
    });
  };
  return (
    <Button size="small" type="primary" icon={<SendOutlined />} disabled={!saved} loading={submit.isPending} onClick={ask} data-testid="editor-submit-review">
      {t('versions.submit.button')}
    </Button>
  );
}
