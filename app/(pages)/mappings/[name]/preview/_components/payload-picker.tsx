'use client';

import { PlayCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { skipToken, useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, Select, Space, Tabs, Typography, Upload } from 'antd';
import { memo, useState } from 'react';
import { PayloadTextSchema } from '#server/api/inputs';
import { parseJsonPayload } from '#server/connectors';
import { jsonErrorPlace } from '#server/pipeline/preview';
import { OA_SYSTEMS } from '#server/engine/form-record';
import { useI18n } from '../../../../../_i18n/client';
import { sampleLabel } from '../../../../../_lib/sample-label';
import { useTRPC } from '../../../../../_trpc/client';

type Source = 'sample' | 'paste';

interface Props {
  connector: string;
  running: boolean;
  onRunSample: (sampleId: number) => void;
  onRunPayload: (payloadText: string) => void;
}

/** Where the preview's OA payload comes from: a stored sample submission, or text pasted or read from a file. */
export const PayloadPicker = memo(function PayloadPicker({ connector, running, onRunSample, onRunPayload }: Props) {
  const { t, label } = useI18n();
  const trpc = useTRPC();
  const known = OA_SYSTEMS.find((c) => c === connector);
  const samples = useQuery(trpc.samples.list.queryOptions(known ? { connector: known } : skipToken));
  const [source, setSource] = useState<Source>('sample');
  const [sampleId, setSampleId] = useState<number | null>(null);
  const [payloadText, setPayloadText] = useState('');
  const [payloadProblem, setPayloadProblem] = useState<string | null>(null);

  const pickSample = (id: number) => {
    setSampleId(id);
    onRunSample(id); // picking is the intent to see it: no extra click
  };

  const runPasted = () => {
    // Checked here too, so an empty box or an oversized file is explained without a round trip.
    const checked = PayloadTextSchema.safeParse(payloadText);
    if (!checked.success) {
      setPayloadProblem(payloadText ? t('payload.tooLarge') : t('payload.emptyPaste'));
      return;
    }
    // Broken JSON is the payload's problem, shown where it was pasted, at the line and column an editor shows. It
    // still runs, so the preview's status says the same instead of showing the last voucher as if it were this one.
    const parsed = parseJsonPayload(payloadText);
    const place = parsed.ok ? null : jsonErrorPlace(payloadText, parsed.error.position);
    setPayloadProblem(place ? (place.line ? t('preview.badJsonAt', { line: place.line, column: place.column }) : t('preview.badJson')) : null);
    onRunPayload(payloadText);
  };

  const run = () => (source === 'sample' ? sampleId !== null && onRunSample(sampleId) : runPasted());

  const readFile = async (file: File) => {
    setPayloadText(await file.text());
    setPayloadProblem(null);
    return false; // read in the browser; nothing is uploaded until Run
  };

  const sampleTab = (
    <Form layout="vertical">
      <Form.Item label={t('payload.sampleLabel')} htmlFor="preview-sample" help={t('payload.sampleHelp')} style={{ marginBottom: 0 }}>
        <Select<number>
          id="preview-sample"
          style={{ maxWidth: 560 }}
          placeholder={t('payload.samplePlaceholder')}
          loading={samples.isLoading}
          value={sampleId ?? undefined}
          onChange={pickSample}
          options={(samples.data ?? []).map((s) => ({ value: s.id, label: sampleLabel(s.name, label) }))}
          notFoundContent={t('payload.noSamples')}
        />
      </Form.Item>
    </Form>
  );

  const pasteTab = (
    <Form layout="vertical">
      <Form.Item
        label={t('payload.pasteLabel')}
        htmlFor="preview-payload"
        validateStatus={payloadProblem ? 'error' : undefined}
        help={payloadProblem ? <span data-testid="payload-problem">{payloadProblem}</span> : t('payload.pasteHelp')}
      >
        <Input.TextArea
          id="preview-payload"
          className="mono"
          rows={8}
          value={payloadText}
          onChange={(e) => {
            setPayloadText(e.target.value);
            setPayloadProblem(null);
          }}
          placeholder='{ "result": { … } }'
          spellCheck={false}
        />
      </Form.Item>
      <Upload accept=".json,application/json" showUploadList={false} beforeUpload={readFile} maxCount={1}>
        <Button icon={<UploadOutlined />}>{t('payload.upload')}</Button>
      </Upload>
    </Form>
  );

  return (
    <Card
      title={t('payload.title')}
      extra={
        <Space>
          <Typography.Text type="secondary">{t('payload.runHint')}</Typography.Text>
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            loading={running}
            disabled={source === 'sample' && sampleId === null}
            onClick={run}
          >
            {t('payload.run')}
          </Button>
        </Space>
      }
    >
      <Tabs
        activeKey={source}
        onChange={(k) => setSource(k as Source)}
        items={[
          { key: 'sample', label: t('payload.tabSample'), children: sampleTab },
          { key: 'paste', label: t('payload.tabPaste'), children: pasteTab },
        ]}
      />
    </Card>
  );
});
