// The words for lateness in both languages, from the real locale files: days and hours, never
// hundreds of hours (docs/rules.md R-TASK-3, R-TKT-5).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { elapsedText } from './Overdue';

const H = 3_600_000;
const MIN = 60_000;
const locales = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../i18n/locales');
const common = (lang: string) => JSON.parse(readFileSync(path.join(locales, lang, 'common.json'), 'utf8'));
const i18n = i18next.createInstance();
const tr = {} as Record<'zh-CN' | 'en', TFunction>;

beforeAll(async () => {
  await i18n.init({
    resources: { 'zh-CN': { common: common('zh-CN') }, en: { common: common('en') } },
    lng: 'zh-CN',
    fallbackLng: false,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
  });
  tr['zh-CN'] = i18n.getFixedT('zh-CN', 'common');
  tr.en = i18n.getFixedT('en', 'common');
});

describe('a task past its due day', () => {
  it.each([
    ['zh-CN', 1, '逾期 1 天'],
    ['zh-CN', 12, '逾期 12 天'],
    ['en', 1, '1 day overdue'],
    ['en', 12, '12 days overdue'],
  ] as const)('%s, %i days', (lng, count, text) => {
    expect(tr[lng]('overdueDays', { count })).toBe(text);
  });
});

describe('a ticket past its due time', () => {
  it.each([
    [76.5 * H, '3天4小时', '3 d 4 h'],
    [24 * H, '1天0小时', '1 d 0 h'],
    [23 * H + 59 * MIN, '23小时59分', '23 h 59 min'],
    [3 * H + 20 * MIN, '3小时20分', '3 h 20 min'],
    [5 * MIN + 30_000, '5分钟', '5 min'],
    [1, '1分钟', '1 min'],
    [200 * H, '8天8小时', '8 d 8 h'],
  ])('%i ms', (ms, zh, en) => {
    expect(elapsedText(tr['zh-CN'], ms)).toBe(zh);
    expect(elapsedText(tr.en, ms)).toBe(en);
  });
});
