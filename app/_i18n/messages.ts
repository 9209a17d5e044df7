import type { Labels } from '#server/engine/form-record';
import type { Locale } from './config';
import en from './messages/en.json';
import zhCN from './messages/zh-CN.json';

export type Messages = typeof zhCN;

// Both catalogues must carry the same keys: each is checked against the other's shape at compile time.
const enChecked: Messages = en;
const zhChecked: typeof en = zhCN;

export const MESSAGES: Record<Locale, Messages> = { 'zh-CN': zhChecked, en: enChecked };

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A dotted path to one UI string, e.g. `preview.status.balanced`; a typo is a type error. */
export type MessageKey = Leaves<Messages>;
export type MessageValues = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** Looks a key up and fills `{name}` placeholders; a missing key shows itself so it is noticed, never crashes. */
export function createTranslator(messages: Messages): Translate {
  return (key, values) => {
    let node: unknown = messages;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node !== 'string') return key;
    return values ? node.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m)) : node;
  };
}

/** Picks the label of the UI language from a `{ zh, en }` pair that data carries, falling back to the other. */
export function pickLabel(labels: Labels | null | undefined, locale: Locale): string | null {
  if (!labels) return null;
  return (locale === 'zh-CN' ? (labels.zh ?? labels.en) : (labels.en ?? labels.zh)) ?? null;
}
