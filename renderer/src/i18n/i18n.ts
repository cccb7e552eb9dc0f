import type { Language } from '../../../shared/host-api';
import en from './en.json';
import fr from './fr.json';

export type MessageKey = keyof typeof en;
// Typing the French catalogue against the English keys makes a missing key a compile error;
// i18n.test.ts also fails on extra keys.
const catalogs: Record<Language, Record<MessageKey, string>> = { en, fr };

export type MessageVars = Record<string, string | number>;

export function translate(language: Language, key: MessageKey, vars?: MessageVars): string {
  const template = catalogs[language][key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

/** The first supported language among the OS's preferred ones; English when none is. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

export const catalogKeys = { en: Object.keys(en), fr: Object.keys(fr) };
