import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import nb from './locales/nb.json';

export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'flyt.language';

function storedLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'nb';
}

void i18n.use(initReactI18next).init({
  resources: { nb: { translation: nb }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'nb',
  // React escapes what it renders; escaping here too would show entities.
  interpolation: { escapeValue: false },
});

// Screen readers pick their voice from the document's language.
document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  localStorage.setItem(STORAGE_KEY, language);
});

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'nb';
}

/** The locale for Intl: bokmål as written in Norway, British English for its day-month order. */
export function intlLocale(language: string): string {
  return language === 'en' ? 'en-GB' : 'nb-NO';
}

export default i18n;
