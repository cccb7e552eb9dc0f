import { describe, expect, it } from 'vitest';
import en from './en.json';
import fr from './fr.json';
import { catalogKeys, pickLanguage, translate } from './i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('catalogues', () => {
  it('French and English have exactly the same keys', () => {
    expect([...catalogKeys.fr].sort()).toEqual([...catalogKeys.en].sort());
  });

  it('every message is non-empty and uses the same placeholders in both languages', () => {
    for (const key of catalogKeys.en) {
      const english = (en as Record<string, string>)[key] ?? '';
      const french = (fr as Record<string, string>)[key] ?? '';
      expect(english.trim(), key).not.toBe('');
      expect(french.trim(), key).not.toBe('');
      expect(placeholders(french), key).toEqual(placeholders(english));
    }
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'get.confirmTitle', { name: 'Camille' })).toBe('Camille would like to see your screen');
    expect(translate('fr', 'get.confirmTitle', { name: 'Camille' })).toBe('Camille souhaite voir votre écran');
    expect(translate('en', 'get.confirmTitle')).toBe('{name} would like to see your screen');
  });
});

describe('pickLanguage', () => {
  it('takes the first supported OS language, English otherwise', () => {
    expect(pickLanguage(['fr-CA', 'en-US'])).toBe('fr');
    expect(pickLanguage(['de-DE', 'en-GB'])).toBe('en');
    expect(pickLanguage(['de-DE'])).toBe('en');
    expect(pickLanguage(['FR_be'])).toBe('fr');
    expect(pickLanguage([])).toBe('en');
  });
});
