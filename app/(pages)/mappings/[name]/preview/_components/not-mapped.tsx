'use client';

import { Tag } from 'antd';
import { useI18n } from '../../../../../_i18n/client';
import type { PreviewResult } from '../../../../../_trpc/types';

/** In the cell of a required voucher field no link feeds yet: the preview shows where the mapping is unfinished. */
export function NotMapped({ testId }: { testId: string }) {
  const { t } = useI18n();
  return (
    <Tag color="error" data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {t('partialPreview.notMapped')}
    </Tag>
  );
}

/** Whether `field` of the header (line null) or of lines made by template `line` is a required field not mapped. */
export function isNotMapped(missing: PreviewResult['missing'] | undefined, line: string | null, field: string): boolean {
  return !!missing?.some((m) => m.line === line && m.field === field);
}
