// What a page needs of its language before the first render (i18n/index.ts), named without loading
// any of it: the build's preload script (shell-preload.ts) reads these to fetch the strings with the
// shell's code instead of after the entry has run (docs/performance.md#web).

/** The interface's languages, the first the default. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where the chosen language is kept (the browser's localStorage). */
export const LANGUAGE_KEY = 'huifang.lang';

/**
 * Per language, the modules i18n/index.ts imports for the first render, as the build names them
 * (their paths): the sign-in namespaces, the app's bundle of the others, antd's and dayjs's strings.
 */
export const FIRST_STRINGS = {
  'zh-CN': [
    /\/src\/i18n\/locales\/zh-CN\/(common|auth)\.json$/,
    /\/src\/i18n\/bundles\/zh-CN\.ts$/,
    /\/antd\/locale\/zh_CN\.js$/,
    /\/dayjs\/locale\/zh-cn\.js$/,
  ],
  en: [
    /\/src\/i18n\/locales\/en\/(common|auth)\.json$/,
    /\/src\/i18n\/bundles\/en\.ts$/,
    /\/antd\/locale\/en_US\.js$/,
  ],
} as const satisfies Record<Language, readonly RegExp[]>;
