'use client';

import { Typography } from 'antd';
import type { Labels } from '#server/engine/form-record';
import { useI18n } from '../../../../../_i18n/client';

const META_KEYS = [
  'instanceId', 'templateCode', 'title', 'status', 'rawStatus', 'applicantId', 'applicantName',
  'departmentId', 'departmentName', 'submittedAt', 'finishedAt', 'oaReference',
] as const;

/**
 * The name people know a source field by. `$finishedAt`-style ids are record-level values (the approval's own
 * time, number, applicant), not form fields, so their names come from the UI catalogue rather than the form.
 */
export function useFieldName(): (id: string, labels: Labels | null) => string | null {
  const { t, label } = useI18n();
  return (id, labels) => {
    const meta = META_KEYS.find((k) => `$${k}` === id);
    return meta ? t(`meta.${meta}`) : label(labels);
  };
}

/** Names an OA field for both readers: the label a finance person knows, the id (or JSON path) IT searches for. */
export function FieldName({ id, labels }: { id: string | null; labels: Labels | null }) {
  const { t } = useI18n();
  const fieldName = useFieldName();
  if (!id) return <Typography.Text type="secondary">{t('errors.wholeVoucher')}</Typography.Text>;
  const name = fieldName(id, labels);
  return (
    <div>
      {name && <div>{name}</div>}
      <Typography.Text type="secondary" className="mono" style={{ fontSize: 12, wordBreak: 'break-all' }}>
        {id}
      </Typography.Text>
    </div>
  );
}
