import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

type Words = { [key: string]: string | Words };

function mergeInto(target: Words, source: Words): Words {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    target[key] = typeof value === 'object' && typeof existing === 'object' ? mergeInto(existing, value) : value;
  }
  return target;
}

/**
 * Every file in locales/<language>/ holds the words of one part of the app (its file name says
 * which), merged key by key: screens add their words, and the events and fields of their
 * workflows, without touching each other's files. Only the language in use is fetched (each file
 * is a chunk of its own), so the first screen carries one language's words, not both.
 */
const FILES = import.meta.glob<Words>('./locales/*/*.json', { import: 'default' });

async function wordsOf(language: string): Promise<Words> {
  const paths = Object.keys(FILES)
    .filter((path) => path.startsWith(`./locales/${language}/`))
    .sort();
  const merged: Words = {};
  for (const content of await Promise.all(paths.map((path) => FILES[path]!()))) mergeInto(merged, content);
  return merged;
}

/** An i18next backend (its plugin interface) reading the locale files above. */
const localeFiles: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read: (language, _namespace, callback) => {
    wordsOf(language).then(
      (words) => callback(null, words),
      (error: unknown) => callback(error instanceof Error ? error.message : String(error), false),
    );
  },
};

const STORAGE_KEY = 'flyt.language';

function storedLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'nb';
}

/** Resolves once the words of the stored language are in: main.tsx renders after it. */
export const i18nReady = i18n
  .use(localeFiles)
  .use(initReactI18next)
  .init({
    lng: storedLanguage(),
    supportedLngs: [...LANGUAGES],
    // Both languages have every key (test/web/words.spec.ts), so nothing falls back, and nothing else is fetched.
    fallbackLng: false,
    // changeLanguage fetches the other language's words before it switches; nothing to suspend for.
    react: { useSuspense: false },
    // React escapes what it renders; escaping here too would show entities.
    interpolation: { escapeValue: false },
  });

// Screen readers pick their voice from the document's language.
document.documentElement.lang = storedLanguage();
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
