import type { ConfigProviderProps } from 'antd';
import dayjs from 'dayjs';
import i18n, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { PUBLIC_PATH } from '../lib/public-paths';
import { LANGUAGE_KEY, LANGUAGES, type Language } from './first-strings';
import { NAMESPACES } from './namespaces';

export { LANGUAGES, type Language, NAMESPACES };

type Locale = NonNullable<ConfigProviderProps['locale']>;

// Every feature keeps its strings in locales/<lang>/<namespace>.json, loaded when first needed in
// the language in use (never the other language): the sign-in page needs `common` and `auth`, each
// a small chunk of its own; the signed-in shell asks for all (app/Layout.tsx), and every namespace
// but those two comes in one chunk per language (i18n/bundles/<lang>.ts), one request instead of
// one per namespace. antd's and dayjs's strings for the language come with it.
const loginFiles = import.meta.glob<Record<string, unknown>>(
  ['./locales/*/common.json', './locales/*/auth.json'],
  {
    import: 'default',
  },
);
const appBundles: Record<Language, () => Promise<{ default: Record<string, Record<string, unknown>> }>> = {
  'zh-CN': () => import('./bundles/zh-CN'),
  en: () => import('./bundles/en'),
};

const backend: BackendModule = {
  type: 'backend',
  init() {},
  read(lang, ns, done) {
    const login = loginFiles[`./locales/${lang}/${ns}.json`];
    const load = login
      ? login()
      : lang in appBundles
        ? appBundles[lang as Language]().then((m) => m.default[ns] ?? {})
        : Promise.resolve({});
    load.then(
      (strings) => done(null, strings as ResourceKey),
      (error: Error) => done(error, null),
    );
  },
};
const antdLocales: Record<Language, () => Promise<{ default: Locale }>> = {
  'zh-CN': () => import('antd/locale/zh_CN'),
  en: () => import('antd/locale/en_US'),
};
const dayjsLocales: Record<Language, () => Promise<unknown>> = {
  'zh-CN': () => import('dayjs/locale/zh-cn'),
  en: async () => undefined, // built into dayjs
};
export const DAYJS_LOCALE: Record<Language, string> = { 'zh-CN': 'zh-cn', en: 'en' };

const antdLocale: Partial<Record<Language, Locale>> = {};
/** antd's strings for a language loaded by loadLanguage. */
export function antdLocaleFor(lang: Language): Locale | undefined {
  return antdLocale[lang];
}

export function asLanguage(lang: string | undefined): Language {
  return lang === 'en' ? 'en' : 'zh-CN';
}

/** Downloads antd's and dayjs's strings for a language, once. */
async function loadLibraryLocales(lang: Language): Promise<void> {
  if (antdLocale[lang]) return;
  const [antd] = await Promise.all([antdLocales[lang](), dayjsLocales[lang]()]);
  antdLocale[lang] = antd.default;
}

export function initialLanguage(): Language {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(LANGUAGE_KEY) : null;
  return saved === 'en' ? 'en' : 'zh-CN';
}

export function rememberLanguage(lang: Language) {
  localStorage.setItem(LANGUAGE_KEY, lang);
  document.documentElement.lang = lang;
}

/** Loads a language (the namespaces in use) and switches the interface to it. */
export async function switchLanguage(lang: Language): Promise<void> {
  await loadLibraryLocales(lang);
  rememberLanguage(lang);
  dayjs.locale(DAYJS_LOCALE[lang]);
  await i18n.changeLanguage(lang);
}

/** Whether the page being opened is one of the signed-in app's (not the sign-in or set-up page). */
export function opensSignedIn(): boolean {
  return typeof location !== 'undefined' && !PUBLIC_PATH.test(location.pathname);
}

/** Resolves when the first language is loaded: main.tsx renders then. */
export const i18nReady: Promise<unknown> = (async () => {
  const lang = initialLanguage();
  await Promise.all([
    i18n
      .use(backend)
      .use(initReactI18next)
      .init({
        lng: lang,
        fallbackLng: false,
        defaultNS: 'common',
        // a signed-in page needs every namespace (app/Layout.tsx Shell): they load now, beside these
        ns: opensSignedIn() ? NAMESPACES : ['common', 'auth'],
        interpolation: { escapeValue: false },
        returnNull: false,
      }),
    loadLibraryLocales(lang),
  ]);
  dayjs.locale(DAYJS_LOCALE[lang]);
  document.documentElement.lang = lang;
})();

export default i18n;
