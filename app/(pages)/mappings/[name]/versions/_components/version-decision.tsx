'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { VersionStatus } from '#server/services/version-timeline';
import { useCan, useSession } from '../../../../../_components/session';
import { useI18n } from '../../../../../_i18n/client';
import { useTRPC } from '../../../../../_trpc/client';

/**
 * Approve or reject. Shown to administrators only, and never as a working approve button to the author: the
 * server refuses an own approval anyway, this only says so before anyone tries.
 */
export function VersionDecision(props: { mapping: string; version: number; status: VersionStatus; author: string; newlyFailing: number }) {
  const { mapping, version, status, author, newlyFailing } = props;
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const session = useSession();
  const canApprove = useCan('versions.approve');
  const [comment, setComment] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState<Dayjs | null>(null);
  const [confirm, setConfirm] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.versions.pathKey() });
  const approve = useMutation(
    trpc.versions.approve.mutationOptions({
      onSuccess: (r) => {
        message.success(t('versions.decision.approved', { version, status: t(`versions.status.${r.status as VersionStatus}`) }));
        void refresh();
      },
      onError: (e) => message.error(e.message),
    }),
  );
  const reject = useMutation(
    trpc.versions.reject.mutationOptions({
      onSuccess: () => {
        message.success(t('versions.decision.rejected', { version }));
        void refresh();
      },
      onError: (e) => message.error(e.message),
    }),
  );

  if (!canApprove) return null;
  if (status !== 'in_review') return <Alert type="info" showIcon title={t('versions.decision.notInReview', { status: t(`versions.status.${status}`) })} />;
  const own = session?.user.username === author;
  const needsConfirm = newlyFailing > 0;

  return (
    <Card title={t('versions.decision.title')} data-testid="version-decision">
      {own && <Alert type="warning" showIcon title={t('versions.decision.ownSubmission')} style={{ marginBottom: 12 }} data-testid="version-own-submission" />}
      <Form layout="vertical">
        <Form.Item label={t('versions.decision.comment')}>
          <Input.TextArea value={comment} onChange={(e) => setComment(e.target.value)} data-testid="version-comment" />
        </Form.Item>
        <Form.Item label={t('versions.decision.effectiveFrom')}>
          {/* Sent without an offset: the server reads it as China time, whatever the browser's zone. */}
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={effectiveFrom} onChange={setEffectiveFrom} data-testid="version-effective-from" />
        </Form.Item>
        {needsConfirm && (
          <Form.Item>
            <Checkbox checked={confirm} onChange={(e) => setConfirm(e.target.checked)} data-testid="version-confirm-failures">
              {t('versions.decision.confirmNewFailures', { count: newlyFailing })}
            </Checkbox>
          </Form.Item>
        )}
        <Space>
          <Button
            type="primary"
            disabled={own || (needsConfirm && (!confirm || !comment.trim()))}
            loading={approve.isPending}
            data-testid="version-approve"
            onClick={() =>
              approve.mutate({
                mapping,
                version,
                comment: comment.trim() || undefined,
                effectiveFrom: effectiveFrom ? effectiveFrom.format('YYYY-MM-DD HH:mm') : undefined,
                confirmNewFailures: needsConfirm ? confirm : undefined,
              })
            }
          >
            {t('versions.decision.approve')}
          </Button>
          <Button
            danger
            loading={reject.isPending}
            data-testid="version-reject"
            onClick={() => (comment.trim() ? reject.mutate({ mapping, version, comment }) : message.warning(t('versions.decision.rejectNeedsComment')))}
          >
            {t('versions.decision.reject')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
