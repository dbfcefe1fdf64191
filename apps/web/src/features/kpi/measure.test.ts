// The UI says how each score dimension is measured in the very words of the KPI engine.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KPI_DIMENSION_MEASURE, KPI_DIMENSIONS } from '@huifang/domain';
import { describe, expect, it } from 'vitest';

const locales = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../i18n/locales');
const load = (lang: string) => JSON.parse(readFileSync(path.join(locales, lang, 'kpi.json'), 'utf8'));

describe('kpi locale', () => {
  it('explains every dimension as packages/domain KPI_DIMENSION_MEASURE does', () => {
    const en = load('en');
    expect(en.measure).toEqual(KPI_DIMENSION_MEASURE);
    for (const k of KPI_DIMENSIONS) {
      expect(load('zh-CN').measure[k]).toBeTruthy();
      expect(load('zh-CN').dimension[k]).toBeTruthy();
    }
  });
});
