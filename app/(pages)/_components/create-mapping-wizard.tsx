'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Radio, Select, Space, Steps, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { NewMappingNameSchema } from '#server/api/mapping-inputs';
import { OA_SYSTEMS, type OaSystem } from '#server/engine/form-record';
import { useI18n } from '../../_i18n/client';
import { useTRPC } from '../../_trpc/client';
import { useOaName } from './oa-source-tag';
import { TemplateFromSample } from './template-from-sample';
import { useCan } from '../../_components/session';


/**
 * The short way to a new mapping: which OA system, which of its forms (or a new one read from a sample), which
 * ledger, and a name. The mapping opens empty in the editor.
 */
export function CreateMappingWizard({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, label } = useI18n();
  // Reading a form from a sample submission is IT's (integrator, admin); an analyst picks a known form.
  const canInfer = useCan('templates.inferFromPayload');
  const oaName = useOaName();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [step, setStep] = useState(0);
  const [system, setSystem] = useState<OaSystem>('dingtalk');
  const [templateCode, setTemplateCode] = useState<string | null>(null);
  const [targetFormat, setTargetFormat] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [labelZh, setLabelZh] = useState('');
  const [labelEn, setLabelEn] = useState('');
  const templates = useQuery(trpc.templates.list.queryOptions());
  const formats = useQuery(trpc.catalogues.targetFormats.queryOptions());
  const create = useMutation(
    trpc.mappings.create.mutationOptions({
      onSuccess: (m) => {
        void queryClient.invalidateQueries({ queryKey: trpc.mappings.pathKey() });
        onClose();
        router.push(`/mappings/${encodeURIComponent(m.name)}/edit`);
      },
    }),
  );
  // The shared schema decides; the message is the UI's own, in the user's language.
  const nameProblem = name && !NewMappingNameSchema.safeParse(name).success ? t('wizard.nameInvalid') : undefined;
  const ofSystem = (templates.data ?? []).filter((x) => x.oaSystem === system);
  const ready = [true, !!templateCode, !!targetFormat, !!name && !nameProblem][step];

  const body = [
    <Radio.Group key="system" value={system} onChange={(e) => { setSystem(e.target.value); setTemplateCode(null); }} aria-label={t('wizard.system')}>
      <Space orientation="vertical">
        {OA_SYSTEMS.map((s) => <Radio key={s} value={s}>{oaName(s)}</Radio>)}
      </Space>
    </Radio.Group>,
    <Space key="template" orientation="vertical" style={{ width: '100%' }}>
      <Select
        aria-label={t('wizard.template')}
        style={{ width: '100%' }}
        placeholder={ofSystem.length ? t('wizard.pickTemplate') : t('wizard.noTemplates')}
        value={templateCode ?? undefined}
        onChange={setTemplateCode}
        options={ofSystem.map((x) => ({ value: x.templateCode, label: `${x.name} · ${t('wizard.fieldCount', { count: x.fieldCount })}` }))}
      />
      {canInfer && <TemplateFromSample connector={system} onInferred={setTemplateCode} />}
    </Space>,
    <Radio.Group key="target" value={targetFormat} onChange={(e) => setTargetFormat(e.target.value)} aria-label={t('wizard.target')}>
      <Space orientation="vertical">
        {(formats.data ?? []).map((f) => <Radio key={f.format} value={f.format}>{label(f.label) ?? f.format}</Radio>)}
      </Space>
    </Radio.Group>,
    <Form key="name" layout="vertical">
      <Form.Item label={t('wizard.name')} help={nameProblem ?? t('wizard.nameHelp')} validateStatus={nameProblem ? 'error' : undefined}>
        <Input value={name} onChange={(e) => setName(e.target.value.trim())} placeholder="purchase.dingtalk-kingdee" className="mono" />
      </Form.Item>
      <Form.Item label={t('wizard.labelZh')}>
        <Input value={labelZh} onChange={(e) => setLabelZh(e.target.value)} />
      </Form.Item>
      <Form.Item label={t('wizard.labelEn')}>
        <Input value={labelEn} onChange={(e) => setLabelEn(e.target.value)} />
      </Form.Item>
    </Form>,
  ];

  const finish = () =>
    create.mutate({
      name,
      connector: system,
      templateCode: templateCode!,
      targetFormat: targetFormat!,
      label: labelZh || labelEn ? { ...(labelZh ? { zh: labelZh } : {}), ...(labelEn ? { en: labelEn } : {}) } : undefined,
    });

  return (
    <Modal
      open={open}
      title={t('wizard.title')}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      footer={
        <Space>
          {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('wizard.back')}</Button>}
          {step < 3 ? (
            <Button type="primary" disabled={!ready} onClick={() => setStep(step + 1)}>{t('wizard.next')}</Button>
          ) : (
            <Button type="primary" disabled={!ready} loading={create.isPending} onClick={finish}>{t('wizard.create')}</Button>
          )}
        </Space>
      }
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 24 }}
        items={[{ title: t('wizard.system') }, { title: t('wizard.template') }, { title: t('wizard.target') }, { title: t('wizard.name') }]}
      />
      <Typography.Paragraph type="secondary">{t(`wizard.hint${step}` as 'wizard.hint0')}</Typography.Paragraph>
      {body[step]}
      {create.error && <Alert type="error" showIcon style={{ marginTop: 16 }} title={create.error.message} />}
    </Modal>
  );
}
