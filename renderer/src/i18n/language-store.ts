import { create } from 'zustand';
import type { Language } from '../../../shared/host-api';
import { getHost } from '../host/host';
import { pickLanguage, translate, type MessageKey, type MessageVars } from './i18n';

interface LanguageStore {
  language: Language;
  /** Applies the saved choice, or the OS language when the choice is 'system'. */
  load: () => Promise<void>;
  choose: (language: Language) => Promise<void>;
}

export const useLanguageStore = create<LanguageStore>((set) => ({
  language: pickLanguage(navigator.languages),
  async load() {
    const host = getHost();
    const [settings, info] = await Promise.all([host.settings.get(), host.app.getInfo()]);
    set({ language: settings.language === 'system' ? pickLanguage(info.systemLocales) : settings.language });
  },
  async choose(language) {
    set({ language });
    await getHost().settings.update({ language });
  },
}));

export type Translate = (key: MessageKey, vars?: MessageVars) => string;

export function useT(): Translate {
  const language = useLanguageStore((store) => store.language);
  return (key, vars) => translate(language, key, vars);
}
