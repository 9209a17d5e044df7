'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from './config';
import { createTranslator, pickLabel, type Messages, type Translate } from './messages';
import type { Labels } from '#server/engine/form-record';

interface I18n {
  locale: Locale;
  t: Translate;
  /** The `{ zh, en }` label of data (mapping names, field labels) in the UI language. */
  label: (labels: Labels | null | undefined) => string | null;
}

const I18nContext = createContext<I18n | null>(null);

/** The layout passes only the current language's messages; switching language re-renders from the server. */
export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: ReactNode }) {
  const value = useMemo<I18n>(
    () => ({ locale, t: createTranslator(messages), label: (l) => pickLabel(l, locale) }),
    [locale, messages],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
