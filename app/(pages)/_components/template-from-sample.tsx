'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Collapse, Input, Space } from 'antd';
import { useState } from 'react';
import type { OaSystem } from '#server/engine/form-record';
import { useI18n } from '../../_i18n/client';
import { useTRPC } from '../../_trpc/client';

/** A form the studio has not seen yet: paste one approved instance and let the connector read its fields. */
export function TemplateFromSample({ connector, onInferred }: { connector: OaSystem; onInferred: (code: string) => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [payloadText, setPayloadText] = useState('');
  const [name, setName] = useState('');
  const [templateCode, setTemplateCode] = useState('');
  const infer = useMutation(
    trpc.templates.inferFromPayload.mutationOptions({
      onSuccess: (tpl) => {
        void queryClient.invalidateQueries({ queryKey: trpc.templates.pathKey() });
        onInferred(tpl.templateCode);
      },
    }),
  );
  return (
    <Collapse
      size="small"
      items={[
        {
          key: 'new',
          label: t('wizard.fromSample'),
          children: (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Input.TextArea
                aria-label={t('wizard.samplePayload')}
                rows={6}
                className="mono"
                placeholder={t('wizard.samplePlaceholder')}
                value={payloadText}
                onChange={(e) => setPayloadText(e.target.value)}
              />
              <Input aria-label={t('wizard.templateName')} placeholder={t('wizard.templateName')} value={name} onChange={(e) => setName(e.target.value)} />
              <Input
                aria-label={t('wizard.templateCode')}
                placeholder={t('wizard.templateCodeHelp')}
                className="mono"
                value={templateCode}
                onChange={(e) => setTemplateCode(e.target.value.trim())}
              />
              <Button
                disabled={!payloadText.trim()}
                loading={infer.isPending}
                onClick={() => infer.mutate({ connector, payloadText, name: name || undefined, templateCode: templateCode || undefined })}
              >
                {t('wizard.readFields')}
              </Button>
              {infer.error && <Alert type="error" showIcon title={infer.error.message} />}
              {infer.data && <Alert type="success" showIcon title={t('wizard.inferred', { name: infer.data.name, count: infer.data.fields.length })} />}
            </Space>
          ),
        },
      ]}
    />
  );
}
