'use client';

import { Collapse } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../../../_i18n/client';

/** JSON shown indented for reading; anything else (an XML body, a broken one) exactly as received. */
function readable(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

const Pre = ({ children, testId }: { children: ReactNode; testId: string }) => (
  <pre className="mono" data-testid={testId} style={{ margin: 0, maxHeight: 480, overflow: 'auto', background: '#f6f8fa', padding: 12, borderRadius: 6, fontSize: 12, lineHeight: 1.5 }}>
    {children}
  </pre>
);

/**
 * What came in, byte for byte: the event body the connector stored, the instance fetched from the OA system when
 * that is a different text (a vendor callback only names the instance), and the record the connector read from it.
 */
export function RunPayload({ eventBody, payloadText, record }: { eventBody: string; payloadText: string | null; record: unknown }) {
  const { t } = useI18n();
  const fetched = payloadText !== null && payloadText !== eventBody;
  return (
    <Collapse
      data-testid="run-payload"
      items={[
        { key: 'event', label: t('runs.detail.eventBody'), children: <Pre testId="run-event-body">{readable(eventBody)}</Pre> },
        ...(fetched ? [{ key: 'instance', label: t('runs.detail.fetchedInstance'), children: <Pre testId="run-fetched-instance">{readable(payloadText!)}</Pre> }] : []),
        ...(record ? [{ key: 'record', label: t('runs.detail.record'), children: <Pre testId="run-record">{JSON.stringify(record, null, 2)}</Pre> }] : []),
      ]}
    />
  );
}
