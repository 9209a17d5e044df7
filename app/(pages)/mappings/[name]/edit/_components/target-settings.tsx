'use client';

import { UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Segmented, Switch, Typography } from 'antd';
import { memo, useMemo } from 'react';
import type { MappingSpec } from '#server/engine/spec';
import { TARGET_FORMATS } from '#server/ledgers/catalogues';
import { checkSpecTargetOptions, TARGET_OPTION_SETTINGS, type TargetOptionProblem, type TargetOptionSetting } from '#server/ledgers/options';
import { setTargetOption } from '../../../../../_canvas/commands';
import { useEditorStore } from '../../../../../_canvas/store';
import { useI18n } from '../../../../../_i18n/client';
import { dimensionName, targetOptionText, type OptionWordingContext } from '../../../../../_lib/target-option-text';
import { CurrencyMapEditor, DimensionMapEditor } from './option-map-editors';

type Options = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Options => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The spec's ledger settings as an object, whatever was stored (a damaged value is reported by the check). */
export function optionsOf(spec: { target: { options?: unknown } }): Options {
  return isPlainObject(spec.target.options) ? spec.target.options : {};
}

/**
 * The ledger settings of the mapping (`target.options`), one control per setting of its format, each named and
 * explained as the finance system calls it. Edits go through the canvas store like any other edit: saved with
 * the draft, undoable, and the live preview re-runs on them. Problems of the check are shown on their setting.
 */
export const TargetSettings = memo(function TargetSettings() {
  const { t, label } = useI18n();
  // Only the settings and their problems, not the whole spec: a link elsewhere on the canvas must not re-render
  // this form (it sits in the render between the link and the live preview's voucher).
  const target = useEditorStore((s) => s.spec?.target);
  const problemsText = useEditorStore((s) => (s.spec ? problemsTextOf(s.spec) : '[]'));
  const targetFields = useEditorStore((s) => s.catalogues.targetFields);
  const apply = useEditorStore((s) => s.apply);
  // Edits apply to the spec as it is when they happen, not as this render saw it.
  const now = () => useEditorStore.getState().spec!;
  const problems = useMemo(() => JSON.parse(problemsText) as TargetOptionProblem[], [problemsText]);
  if (!target) return null;
  const format = target.format;
  const settings: readonly TargetOptionSetting[] = TARGET_OPTION_SETTINGS[format as keyof typeof TARGET_OPTION_SETTINGS] ?? [];
  const ledger = label(TARGET_FORMATS.find((f) => f.format === format)?.label) ?? format;
  const options = optionsOf({ target });
  const wording: OptionWordingContext = { t, label, targetFields };
  const set = (key: string, value: unknown) => apply(setTargetOption(now(), key, value));
  const onSetting = (key: string) => problems.filter((p) => p.params.setting === key);
  // Problems no control shows (an unknown key, damaged options) are listed above the controls.
  const loose = problems.filter((p) => !settings.some((s) => s.key === p.params.setting));

  return (
    <Card size="small" title={t('editor.settings.title', { ledger })} data-testid="editor-target-settings">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {settings.length ? t('editor.settings.hint') : t('editor.settings.none')}
      </Typography.Paragraph>
      {loose.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 8 }} title={loose.map((p, i) => <div key={i}>{targetOptionText(p, wording)}</div>)} />
      )}
      <Form layout="vertical" size="small">
        {settings.map((s) => {
          const name = label(s.label) ?? s.key;
          const own = onSetting(s.key);
          return (
            <Form.Item
              key={s.key}
              label={name}
              required={s.required}
              validateStatus={own.length ? 'error' : undefined}
              help={own.length ? <SettingProblems problems={own} wording={wording} /> : undefined}
              extra={<span style={{ fontSize: 12 }}>{label(s.description)}</span>}
              style={{ marginBottom: 12 }}
              data-testid={`editor-setting-${s.key}`}
            >
              <SettingControl setting={s} format={format} name={name} value={options[s.key]} onChange={(v) => set(s.key, v)} dimensionName={(id) => dimensionName(id, wording)} />
            </Form.Item>
          );
        })}
      </Form>
    </Card>
  );
});

/** The settings' problems of a spec as JSON text (equal text, no re-render), checked once per spec. */
const problemsBySpec = new WeakMap<MappingSpec, string>();
function problemsTextOf(spec: MappingSpec): string {
  let text = problemsBySpec.get(spec);
  if (text === undefined) problemsBySpec.set(spec, (text = JSON.stringify(checkSpecTargetOptions(spec))));
  return text;
}

function SettingProblems({ problems, wording }: { problems: TargetOptionProblem[]; wording: OptionWordingContext }) {
  return (
    <>
      {problems.map((p, i) => (
        <div key={i} title={p.message}>
          {targetOptionText(p, wording)}
        </div>
      ))}
    </>
  );
}

/** The JSON of a default or a stored value, as a person reads it in a placeholder. */
const shown = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** One setting's editor, chosen by its kind; an absent value shows the format's default, marked as such. */
function SettingControl({
  setting: s,
  format,
  name,
  value,
  onChange,
  dimensionName,
}: {
  setting: TargetOptionSetting;
  format: string;
  name: string;
  value: unknown;
  /** `undefined` removes the setting, so the default applies. */
  onChange: (v: unknown) => void;
  dimensionName: (id: string) => string;
}) {
  const { t } = useI18n();
  const placeholder = s.default !== undefined ? t('editor.settings.defaultValue', { value: shown(s.default) }) : undefined;
  // Offered only where it changes something: a map the same as the default has nothing to restore.
  const reset =
    value !== undefined && s.default !== undefined && JSON.stringify(value) !== JSON.stringify(s.default) ? (
      <Button size="small" type="link" icon={<UndoOutlined />} onClick={() => onChange(undefined)} style={{ paddingInline: 0 }}>
        {t('editor.settings.reset')}
      </Button>
    ) : null;
  switch (s.kind) {
    case 'text':
    case 'currency':
      return (
        <Input
          aria-label={name}
          className="mono"
          style={s.kind === 'currency' ? { width: 160 } : undefined}
          maxLength={s.kind === 'currency' ? 3 : undefined}
          placeholder={placeholder}
          value={value === undefined ? '' : shown(value)}
          // An emptied field removes the setting: the default applies, or the check says it is required.
          onChange={(e) => {
            const text = s.kind === 'currency' ? e.target.value.toUpperCase() : e.target.value;
            onChange(text === '' ? undefined : text);
          }}
        />
      );
    case 'boolean':
      return (
        <Switch
          aria-label={name}
          checked={value === undefined ? s.default === true : value === true}
          checkedChildren={t('editor.settings.on')}
          unCheckedChildren={t('editor.settings.off')}
          onChange={(on) => onChange(on)}
        />
      );
    case 'choice':
      return (
        <Segmented
          aria-label={name}
          size="small"
          value={(value ?? s.default) as string | number}
          options={(s.choices ?? []).map((c) => ({ value: c, label: String(c) }))}
          onChange={(c) => onChange(c)}
        />
      );
    case 'currencyMap':
    case 'dimensionMap': {
      const map = isPlainObject(value) ? value : isPlainObject(s.default) ? s.default : {};
      return (
        <div>
          {s.kind === 'currencyMap' ? (
            // U8 names its currencies (美元); Kingdee numbers them (PRE007).
            <CurrencyMapEditor name={name} value={map} byName={format === 'u8-voucher-xml'} onChange={onChange} />
          ) : (
            <DimensionMapEditor name={name} value={map} dimensions={s.dimensions ?? []} formIds={s.formIds ?? []} dimensionName={dimensionName} onChange={onChange} />
          )}
          {reset}
        </div>
      );
    }
  }
}
