'use client';

import { Tag } from 'antd';
import type { VersionStatus } from '#server/services/version-timeline';
import { useI18n } from '../../../../../_i18n/client';

const COLOR: Record<VersionStatus, string> = {
  in_review: 'processing',
  rejected: 'error',
  scheduled: 'warning',
  in_force: 'success',
  superseded: 'default',
};

export function VersionStatusTag({ status }: { status: VersionStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={COLOR[status]} data-testid={`version-status-${status}`}>
      {t(`versions.status.${status}`)}
    </Tag>
  );
}
