import { languageSchema, type Language } from '../../../shared/host-api';
import { useLanguageStore, useT } from '../i18n/language-store';

const LANGUAGES: readonly Language[] = languageSchema.options;

export function LanguageSwitch() {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  const choose = useLanguageStore((store) => store.choose);
  return (
    <label className="language-switch">
      <span>{t('app.language')}</span>
      <select value={language} onChange={(event) => void choose(languageSchema.parse(event.target.value))}>
        {LANGUAGES.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`common.language.${option}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
