// What the plan screens show for an API error: translated strings from the real locale files
// (both languages), never the server's English message.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type Resource, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { decisionError, planError } from './errors';

const locales = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../i18n/locales');
const load = (lang: string, ns: string) =>
  JSON.parse(readFileSync(path.join(locales, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>;
const i18n = i18next.createInstance();
const tr = {} as Record<'zh-CN' | 'en', TFunction>;

beforeAll(async () => {
  const resources: Resource = {};
  for (const lang of ['zh-CN', 'en']) {
    resources[lang] = { common: load(lang, 'common') as never, plans: load(lang, 'plans') as never };
  }
  await i18n.init({
    resources,
    lng: 'zh-CN',
    fallbackLng: false,
    defaultNS: 'plans',
    interpolation: { escapeValue: false },
  });
  tr['zh-CN'] = i18n.getFixedT('zh-CN');
  tr.en = i18n.getFixedT('en');
});

const statusConflict = new ApiError(409, 'CONFLICT', 'A approved plan cannot be approved', {
  reason: 'STATUS',
  status: 'APPROVED',
});
const taskConflict = new ApiError(409, 'CONFLICT', 'Another plan approved at the same moment…', {
  reason: 'OPEN_TASK',
});
const leftCallers = new ApiError(422, 'RULE_VIOLATION', 'Every customer in the plan needs…', {
  unassigned: 0,
  inactiveCaller: 7,
  callers: [
    { id: 'a', name: '李娜', items: 4 },
    { id: 'b', name: '刘洋', items: 3 },
  ],
  items: [],
});

describe('plan error messages', () => {
  it('tells "someone else decided" only for a status conflict, and a task conflict apart', () => {
    expect(decisionError(tr['zh-CN'], statusConflict)).toBe(
      '该计划已被处理（可能其他管理人员已审批），请刷新',
    );
    expect(decisionError(tr.en, statusConflict)).toBe('Someone has already decided on this plan; reload');
    const zh = decisionError(tr['zh-CN'], taskConflict);
    expect(zh).toContain('另一份计划刚刚获批');
    expect(decisionError(tr.en, taskConflict)).toContain('Another plan was approved just now');
    expect(planError(tr['zh-CN'], taskConflict)).toBe(zh);
    // a conflict of unknown kind is not mistaken for either
    const other = new ApiError(409, 'CONFLICT', 'x');
    expect(decisionError(tr['zh-CN'], other)).not.toBe(decisionError(tr['zh-CN'], statusConflict));
    expect(decisionError(tr['zh-CN'], other)).not.toBe(zh);
  });

  it('names the callers who left when an approval is refused for them', () => {
    expect(decisionError(tr['zh-CN'], leftCallers)).toBe(
      '有 7 位客户分配给了已停用或已离组的专员（李娜、刘洋），无法批准；请驳回，由回访主管重新均衡后再提交',
    );
    expect(decisionError(tr.en, leftCallers)).toContain('(李娜, 刘洋)');
    const unassigned = new ApiError(422, 'RULE_VIOLATION', 'x', {
      unassigned: 2,
      inactiveCaller: 0,
      callers: [],
      items: [],
    });
    expect(decisionError(tr['zh-CN'], unassigned)).toContain('有 2 位客户没有回访专员');
  });

  it('never shows the server’s message: unknown errors fall back to the common ones', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = tr[lang];
      const generic = t('common:error.generic');
      expect(generic).not.toBe('error.generic');
      const odd = new ApiError(422, 'RULE_VIOLATION', 'Something English', { whatever: 1 });
      expect(planError(t, odd)).toBe(generic);
      expect(decisionError(t, new ApiError(500, 'INTERNAL', 'boom'))).toBe(generic);
      expect(planError(t, new TypeError('fetch failed'))).toBe(t('common:error.network'));
      expect(planError(t, new ApiError(409, 'STALE_VERSION', 'x', { currentVersion: 3 }))).toBe(
        t('common:error.stale'),
      );
    }
  });

  it('has every plans string in both languages', () => {
    const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    expect(keys(load('en', 'plans')).sort()).toEqual(keys(load('zh-CN', 'plans')).sort());
    for (const key of keys(load('zh-CN', 'plans'))) {
      expect(tr.en(key, { count: 1 })).not.toBe(key);
    }
    expect(tr['zh-CN']('excluded.reason.IN_OTHER_PLAN')).toBe('已在本月其他计划中');
    expect(tr.en('excluded.reason.IN_OTHER_PLAN')).toBe('In another plan of the month');
  });
});
