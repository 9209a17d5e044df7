'use client';

import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import type { SampleReview } from '#server/services/golden-samples';
import { useI18n } from '../../../../../_i18n/client';
import { useTRPC } from '../../../../../_trpc/client';
import { GoldenSampleTable } from './golden-sample-table';

/**
 * A payload the reviewer brings: pasted, run through this version and the version in force on the server
 * (versions.reviewPayload), and listed like a golden sample. Kept on this screen only; nothing is stored.
 */
export function ReviewPaste({ mapping, version }: { mapping: string; version: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { message } = App.useApp();
  const [name, setName] = useState('');
  const [payload, setPayload] = useState('');
  // Each answer gets a negative id of its own (stored samples have positive ones): the table's row key, since two
  // pastes may share a name.
  const [results, setResults] = useState<SampleReview[]>([]);
  const run = useMutation(
    trpc.versions.reviewPayload.mutationOptions({
      // Newest first, so the answer to the paste just made is next to the box.
      onSuccess: (r) => setResults((list) => [{ ...r, id: -(list.length + 1) }, ...list]),
      onError: (e) => message.error(e.message),
    }),
  );
  const submit = () => {
    if (!payload.trim()) return void message.warning(t('versions.paste.empty'));
    run.mutate({ mapping, version, payload, name: name.trim() || t('versions.paste.defaultName', { n: results.length + 1 }) });
  };

  return (
    <Card title={t('versions.paste.title')} data-testid="review-paste">
      <Typography.Paragraph type="secondary">{t('versions.paste.intro')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('versions.paste.name')}>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} data-testid="review-paste-name" />
        </Form.Item>
        <Form.Item label={t('versions.paste.payload')}>
          <Input.TextArea
            value={payload}
            onChange={(e) => setPayload(e.target.value)}
            autoSize={{ minRows: 4, maxRows: 12 }}
            className="mono"
            spellCheck={false}
            data-testid="review-paste-payload"
          />
        </Form.Item>
        <Space>
          <Button type="primary" loading={run.isPending} onClick={submit} data-testid="review-paste-run">
            {t('versions.paste.run')}
          </Button>
        </Space>
      </Form>
      {results.length > 0 && (
        <div style={{ marginTop: 12 }} data-testid="review-paste-results">
          <GoldenSampleTable samples={results} />
        </div>
      )}
    </Card>
  );
}
