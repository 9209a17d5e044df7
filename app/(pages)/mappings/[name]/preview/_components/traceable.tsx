'use client';

import type { ReactNode } from 'react';
import { useI18n } from '../../../../../_i18n/client';

/**
 * A voucher value the editor can trace back: clicking it (or Enter on it) asks what produced it. On the preview
 * page, which has no canvas to light up, the value renders as plain content.
 */
export function Traceable({ target, onPick, children }: { target: string; onPick?: (target: string) => void; children: ReactNode }) {
  const { t } = useI18n();
  if (!onPick) return <>{children}</>;
  return (
    <span
      role="button"
      tabIndex={0}
      className="traceable"
      data-trace-target={target}
      title={t('trace.pickHint')}
      onClick={() => onPick(target)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          // Enter here traces the value; it must not also reach the editor, where Enter links picked fields.
          e.preventDefault();
          e.stopPropagation();
          onPick(target);
        }
      }}
    >
      {children}
    </span>
  );
}
