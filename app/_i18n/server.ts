import { cookies, headers } from 'next/headers';
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from './config';
import { createTranslator, MESSAGES, type Translate } from './messages';

/** The UI language of this request: the remembered choice, else what the browser asks for. */
export async function getLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get('accept-language'));
}

export async function getTranslator(): Promise<Translate> {
  return createTranslator(MESSAGES[await getLocale()]);
}
