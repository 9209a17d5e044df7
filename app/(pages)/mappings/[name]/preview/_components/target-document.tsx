'use client';

import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Card } from 'antd';
import { useI18n } from '../../../../../_i18n/client';
import type { MessageKey } from '../../../../../_i18n/messages';

const TITLES: Record<string, MessageKey> = {
  'kingdee-gl-voucher': 'document.kingdee',
  'u8-voucher-xml': 'document.u8',
  'journal-json': 'document.journal',
  csv: 'document.csv',
};

/** Copies through the Clipboard API, or the old selection trick where it is missing (plain-HTTP intranet hosts). */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

/** The exact text the ledger will import, byte for byte as the serialiser wrote it. */
export function TargetDocument({ document: doc, targetFormat }: { document: { text: string; contentType: string }; targetFormat: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const copy = () =>
    copyText(doc.text).then(
      () => message.success(t('document.copied')),
      () => message.error(t('document.copyFailed')),
    );
  const titleKey = TITLES[targetFormat];
  return (
    <Card
      size="small"
      title={titleKey ? t(titleKey) : doc.contentType}
      extra={
        <Button size="small" icon={<CopyOutlined />} onClick={copy}>
          {t('document.copy')}
        </Button>
      }
    >
      <pre
        className="mono"
        data-testid="preview-document-text"
        aria-label={titleKey ? t(titleKey) : doc.contentType}
        style={{ margin: 0, maxHeight: 420, overflow: 'auto', background: '#f6f8fa', padding: 12, borderRadius: 6, fontSize: 12, lineHeight: 1.5 }}
      >
        {doc.text}
      </pre>
    </Card>
  );
}
