'use client';

import { ExperimentOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Dropdown, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { FormTemplate } from '#server/engine/form-record';
import {
  applyExpenseRecipe, applyPayableRecipe, applyTaxSplitRecipe, type ExpenseRecipe, type PayableRecipe, type RecipeResult, type TaxSplitRecipe,
} from '../../../../../_canvas/recipes';
import { guessExpense, guessPayable, guessTaxSplit } from '../../../../../_canvas/recipes-guess';
import { useEditorStore } from '../../../../../_canvas/store';
import { useI18n } from '../../../../../_i18n/client';
import { recipeContext, useGuessData } from './recipe-data';

type Open =
  | { kind: 'expense'; value: ExpenseRecipe }
  | { kind: 'payable'; value: PayableRecipe }
  | { kind: 'taxSplit'; value: TaxSplitRecipe };
type Kind = Open['kind'];

const GUESS = { expense: guessExpense, payable: guessPayable, taxSplit: guessTaxSplit } as const;

// The forms (antd's Form and its fields) are a chunk of their own: fetched when the analyst reaches for the menu,
// not while the editor opens.
const loadForms = () => import('./recipe-forms');
const ExpenseForm = lazy(() => loadForms().then((m) => ({ default: m.ExpenseForm })));
const PayableForm = lazy(() => loadForms().then((m) => ({ default: m.PayableForm })));
const TaxSplitForm = lazy(() => loadForms().then((m) => ({ default: m.TaxSplitForm })));

/**
 * "Recipes" beside "add entry line": a recipe opens in a drawer already filled with its guesses, and Apply builds it
 * as one edit (one undo step). The lines it made are opened and their first voucher field brought into view.
 */
export function RecipeMenu({ template, onApplied }: { template: FormTemplate | null; onApplied: (result: RecipeResult) => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [wanted, setWanted] = useState(false);
  const [open, setOpen] = useState<Open | null>(null);
  // A recipe picked before the tables and the sample are in opens as soon as they are.
  const [pending, setPending] = useState<Kind | null>(null);
  const data = useGuessData(template, wanted);
  const spec = useEditorStore((s) => s.spec);
  const targetFields = useEditorStore((s) => s.catalogues.targetFields);
  useEffect(() => {
    if (!pending || !data.ready || !template) return;
    const ctx = recipeContext(template, data);
    const value = ctx && GUESS[pending](ctx);
    if (!value) void message.warning(t(`editor.recipes.${pending}.nothing`));
    setOpen(value ? ({ kind: pending, value } as Open) : null);
    setPending(null);
  }, [pending, data, template, message, t]);
  if (!template) return null;

  const apply = () => {
    const current = useEditorStore.getState().spec;
    if (!open || !current) return;
    const env = { template, targetFields, lang: locale === 'en' ? ('en' as const) : ('zh' as const) };
    try {
      const result =
        open.kind === 'expense' ? applyExpenseRecipe(current, open.value, env)
        : open.kind === 'payable' ? applyPayableRecipe(current, open.value, env)
        : applyTaxSplitRecipe(current, open.value, env);
      useEditorStore.getState().apply(result.spec);
      setOpen(null);
      onApplied(result);
      void message.success(t('editor.recipes.applied', { name: t(`editor.recipes.${open.kind}.title`) }));
    } catch (e) {
      void message.error(t('editor.recipes.failed', { message: e instanceof Error ? e.message : String(e) }));
    }
  };
  const kinds: Kind[] = ['expense', 'payable', 'taxSplit'];
  return (
    <>
      <Dropdown
        trigger={['click']}
        onOpenChange={(o) => {
          if (!o) return;
          setWanted(true);
          void loadForms();
        }}
        menu={{
          items: kinds.map((kind) => ({ key: kind, label: <span data-testid={`recipe-${kind}`}>{t(`editor.recipes.${kind}.title`)}</span> })),
          onClick: ({ key }) => setPending(key as Kind),
        }}
      >
        <Button size="small" type="link" icon={<ExperimentOutlined />} data-testid="editor-recipes" onMouseEnter={() => {
          setWanted(true);
          void loadForms();
        }}>
          {t('editor.recipes.button')} {pending && !data.ready && <Spin size="small" />}
        </Button>
      </Dropdown>
      <Drawer
        open={!!open}
        onClose={() => setOpen(null)}
        size="default"
        title={open && t(`editor.recipes.${open.kind}.title`)}
        data-testid="recipe-drawer"
        extra={
          <Space>
            <Button onClick={() => setOpen(null)}>{t('editor.recipes.cancel')}</Button>
            <Button type="primary" onClick={apply} data-testid="recipe-apply">{t('editor.recipes.apply')}</Button>
          </Space>
        }
      >
        {open && (
          <Suspense fallback={<Spin />}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t(`editor.recipes.${open.kind}.help`)}</Typography.Paragraph>
            {open.kind === 'expense' && <ExpenseForm value={open.value} onChange={(value) => setOpen({ kind: 'expense', value })} template={template} tables={data.tables} />}
            {open.kind === 'payable' && <PayableForm value={open.value} onChange={(value) => setOpen({ kind: 'payable', value })} template={template} tables={data.tables} />}
            {open.kind === 'taxSplit' && spec && <TaxSplitForm value={open.value} onChange={(value) => setOpen({ kind: 'taxSplit', value })} template={template} spec={spec} targetFields={targetFields} />}
          </Suspense>
        )}
      </Drawer>
    </>
  );
}
