'use client';

import { Form, Select } from 'antd';
import type { MappingNode } from '#server/engine/spec';
import { setLookupAsOf } from '../../../../../_canvas/lookup-dates';
import { useEditorStore } from '../../../../../_canvas/store';
import { useI18n } from '../../../../../_i18n/client';

/**
 * The effective-date column of a lookup (exchange rates by currency and date). Picking one gives the node an
 * "as of" date input; "none" makes it a plain lookup again and removes the link into that input.
 */
export function LookupDateColumn({ node, columns }: { node: Extract<MappingNode, { kind: 'lookup' }>; columns: readonly string[] }) {
  const { t } = useI18n();
  const apply = useEditorStore((s) => s.apply);
  // The spec as it is when the pick happens (an edit just before it, not yet rendered, must stay).
  const pick = (column: string) => {
    const spec = useEditorStore.getState().spec;
    if (spec) apply(setLookupAsOf(spec, node.id, column || null));
  };
  const options = [
    { value: '', label: t('editor.lookupAsOfNone') },
    ...columns.filter((c) => c !== node.keyColumn).map((c) => ({ value: c, label: c })),
  ];
  return (
    <Form.Item label={t('editor.lookupAsOf')} help={t('editor.lookupAsOfHelp')} style={{ marginBottom: 8 }}>
      <Select aria-label={t('editor.lookupAsOf')} value={node.asOfColumn ?? ''} options={options} onChange={pick} />
    </Form.Item>
  );
}
