// Every namespace of en but the sign-in page's (common, auth), in one chunk: a signed-in page
// asks for all of them at once, so one request instead of one per namespace (i18n/index.ts).
const files = import.meta.glob<Record<string, unknown>>(
  ['../locales/en/*.json', '!../locales/en/common.json', '!../locales/en/auth.json'],
  { eager: true, import: 'default' },
);

const strings: Record<string, Record<string, unknown>> = Object.fromEntries(
  Object.entries(files).map(([file, value]) => [/([^/]+)\.json$/.exec(file)?.[1] ?? file, value]),
);
export default strings;
