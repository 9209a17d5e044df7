'use client';

import { chinaTime } from './china-time';

/** A China-time instant as two short lines (day, then time), the exact instant in the tooltip. */
export function ChinaTime({ iso }: { iso: string | null }) {
  const text = chinaTime(iso);
  if (!text) return <>—</>;
  const [day, time] = text.split(' ');
  return (
    <span title={iso ?? undefined} style={{ whiteSpace: 'nowrap' }}>
      {day}
      <br />
      <span className="mono" style={{ fontSize: 12 }}>
        {time}
      </span>
    </span>
  );
}
