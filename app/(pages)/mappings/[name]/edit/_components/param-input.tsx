'use client';

import { Input, InputNumber, Select } from 'antd';
import type { ParamDef } from '#server/engine/functions/types';
import { useI18n } from '../../../../../_i18n/client';

/** One function parameter, edited the way its ParamDef kind says; the engine's schema validates on compile. */
export function ParamInput({ def, value, onChange }: { def: ParamDef; value: unknown; onChange: (v: unknown) => void }) {
  const { label } = useI18n();
  const name = label(def.label) ?? def.name;
  switch (def.kind) {
    case 'integer':
      return <InputNumber size="small" aria-label={name} min={def.min} max={def.max} precision={0} value={typeof value === 'number' ? value : null} onChange={(v) => onChange(v ?? undefined)} />;
    case 'enum':
      return (
        <Select
          size="small"
          aria-label={name}
          style={{ minWidth: 160 }}
          value={value as string | undefined}
          options={def.options.map((o) => ({ value: o.value, label: label(o.label) ?? o.value }))}
          onChange={onChange}
        />
      );
    case 'textList':
      return <Select size="small" aria-label={name} mode="tags" style={{ width: '100%' }} value={Array.isArray(value) ? (value as string[]) : []} onChange={onChange} />;
    case 'cases':
      // switch cases: one `when => then` per line, so a finance analyst can type them like a table.
      return (
        <Input.TextArea
          size="small"
          aria-label={name}
          autoSize={{ minRows: 2, maxRows: 6 }}
          value={Array.isArray(value) ? (value as { when: string; then: string }[]).map((c) => `${c.when} => ${c.then}`).join('\n') : ''}
          onChange={(e) =>
            onChange(
              e.target.value
                .split('\n')
                .filter((l) => l.includes('=>'))
                .map((l) => ({ when: l.split('=>')[0].trim(), then: l.split('=>').slice(1).join('=>').trim() })),
            )
          }
        />
      );
    case 'decimal':
    case 'text':
      return <Input size="small" aria-label={name} value={typeof value === 'string' ? value : value == null ? '' : String(value)} onChange={(e) => onChange(e.target.value)} />;
  }
}
