// Every string of the interface exists in both languages, and no screen hard-codes Chinese.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NAMESPACES } from './namespaces';

const here = path.dirname(fileURLToPath(import.meta.url));
const locales = path.join(here, 'locales');
const src = path.resolve(here, '..');

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
const PLURAL = /_(zero|one|two|few|many|other)$/;
const pluralBases = (obj: unknown) => [...new Set(keys(obj).map((k) => k.replace(PLURAL, '')))].sort();
function values(obj: unknown): unknown[] {
  if (typeof obj !== 'object' || obj === null) return [obj];
  return Object.values(obj).flatMap(values);
}
const load = (lang: string, ns: string) =>
  JSON.parse(readFileSync(path.join(locales, lang, `${ns}.json`), 'utf8'));
const namespaces = (lang: string) =>
  readdirSync(path.join(locales, lang))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'locales' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('translations', () => {
  it('has the same namespaces in zh-CN and en', () => {
    expect(namespaces('en')).toEqual(namespaces('zh-CN'));
  });

  it('lists every namespace the app loads (i18n/index.ts NAMESPACES), no more', () => {
    expect([...NAMESPACES].sort()).toEqual(namespaces('zh-CN'));
  });

  for (const ns of namespaces('zh-CN')) {
    it(`${ns}: the same keys in both languages, none empty`, () => {
      const zh = load('zh-CN', ns);
      const en = load('en', ns);
      // plural forms differ by language (en: _one/_other, zh: _other): compare the keys without them
      expect(pluralBases(en)).toEqual(pluralBases(zh));
      for (const v of [...values(zh), ...values(en)])
        expect(typeof v === 'string' && v.trim().length > 0).toBe(true);
    });
  }

  it('no screen carries Chinese text outside the locale files', () => {
    const offenders = sourceFiles(src).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({
          // comments may name things in Chinese: strip // and /* */ comments and JSDoc lines
          line: /^\s*(\/\*\*?|\*)/.test(line) ? '' : line.replace(/\/\/.*$|\/\*.*?\*\//g, ''),
          at: `${path.relative(src, file)}:${i + 1}`,
        }))
        // a language is named in its own tongue in the language switch
        .filter(({ line }) => /[\u4e00-\u9fff]/.test(line.replaceAll('简体中文', '')))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
