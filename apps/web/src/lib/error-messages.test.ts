// What the customers, questionnaires and set-up screens show for an API error: translated
// strings from the real locale files, never the server's English message.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type Resource, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupFieldErrors } from '../features/auth/errors';
import { customerFieldErrors } from '../features/customers/errors';
import { questionnaireFieldErrors } from '../features/questionnaires/errors';
import { ApiError, errorKeys } from './api';

const locales = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../i18n/locales');
const i18n = i18next.createInstance();
const tr: Record<'zh-CN' | 'en', TFunction> = {} as never;

beforeAll(async () => {
  const resources: Resource = {};
  for (const lang of ['zh-CN', 'en']) {
    resources[lang] = {};
    for (const f of readdirSync(path.join(locales, lang)))
      resources[lang][f.replace(/\.json$/, '')] = JSON.parse(
        readFileSync(path.join(locales, lang, f), 'utf8'),
      );
  }
  await i18n.init({
    resources,
    lng: 'zh-CN',
    fallbackLng: false,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
  });
  tr['zh-CN'] = i18n.getFixedT('zh-CN');
  tr.en = i18n.getFixedT('en');
});

const validation = (...paths: string[]) =>
  new ApiError(
    400,
    'VALIDATION',
    'The request is not valid',
    paths.map((p) => ({ path: p, message: 'Too small: expected string to have >=1 characters' })),
  );

describe('error messages', () => {
  it('a taken phone and a stale customer read in the customers namespace, in both languages', () => {
    const taken = new ApiError(409, 'CONFLICT', 'A customer with this phone number already exists', {
      field: 'phone',
      reason: 'PHONE_TAKEN',
    });
    expect(tr['zh-CN'](errorKeys(taken, 'customers:apiError'))).toBe('该手机号已属于另一位客户');
    expect(tr.en(errorKeys(taken, 'customers:apiError'))).toBe(
      'This phone number belongs to another customer',
    );
    const stale = new ApiError(409, 'STALE_VERSION', 'This item was changed', { currentVersion: 4 });
    expect(tr['zh-CN'](errorKeys(stale, 'customers:apiError'))).toBe('该内容已被他人修改，请刷新后重试');
  });

  it('unknown codes, proxy pages and failed fetches fall back to the common messages', () => {
    const generic = { 'zh-CN': '请求失败，请稍后重试', en: 'The request failed; please try again' };
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = tr[lang];
      expect(t(errorKeys(new ApiError(502, 'HTTP_ERROR', 'Bad Gateway'), 'customers:apiError'))).toBe(
        generic[lang],
      );
      expect(
        t(errorKeys(new ApiError(500, 'INTERNAL', 'Something went wrong'), 'questionnaires:apiError')),
      ).toBe(generic[lang]);
    }
    expect(tr['zh-CN'](errorKeys(new TypeError('Failed to fetch'), 'auth:setup.error'))).toBe(
      '无法连接服务器',
    );
    expect(tr['zh-CN'](errorKeys(new ApiError(403, 'FORBIDDEN', 'no'), 'customers:apiError'))).toBe(
      '您没有权限执行此操作',
    );
  });

  it('import failures name the missing columns in the language of the screen', () => {
    const e = new ApiError(422, 'RULE_VIOLATION', 'Required columns are missing: phone, tier', {
      reason: 'MISSING_COLUMNS',
      missing: ['phone', 'tier'],
    });
    const zh = tr['zh-CN'];
    const columns = ['phone', 'tier'].map((f) => zh(`customers:importField.${f}`)).join('、');
    expect(zh(errorKeys(e, 'customers:importError'), { columns })).toBe(`缺少必填列：${columns}`);
    expect(
      tr.en(errorKeys(new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Upload a .csv'), 'customers:importError')),
    ).toBe('Only .csv or .xlsx files');
    for (const reason of [
      'EMPTY_FILE',
      'FILE_TOO_LARGE',
      'TOO_MANY_ROWS',
      'FILE_UNREADABLE',
      'CHANGED_DURING_IMPORT',
    ])
      expect(i18n.exists(`customers:importError.${reason}`, { lng: 'en' }), reason).toBe(true);
  });

  it('customer validation problems land on the form fields with translated messages', () => {
    const fields = customerFieldErrors(
      validation('phone', 'preferredTimeTo', 'completedAt', 'name', 'version', ''),
    );
    expect(fields.map((f) => f.name)).toEqual(['phone', 'preferredTime', 'completedAt', 'name']);
    const t = tr['zh-CN'];
    const label = (k: string) => t(`customers:field.${k}`);
    const text = fields.map((f) =>
      t(
        f.keys.map((k) => `customers:${k}`),
        { field: label(f.name) },
      ),
    );
    expect(text).toEqual([
      t('customers:form.phoneInvalid'),
      '请同时选择开始和结束时间，且结束须晚于开始',
      '结业日期不能早于报名日期',
      '姓名填写有误',
    ]);
    expect(customerFieldErrors(new ApiError(409, 'CONFLICT', 'x', [{ path: 'phone' }]))).toEqual([]);
  });

  it('questionnaire validation problems land on the question they are about', () => {
    const fields = questionnaireFieldErrors(
      validation('name', 'questions.2.options', 'questions.1.id', 'questions.0.options.1', 'questions'),
    );
    expect(fields.map((f) => f.name)).toEqual([
      ['name'],
      ['questions', 2, 'options'],
      ['questions', 1, 'label'],
      ['questions', 0, 'options', 1],
      ['questions'],
    ]);
    const en = fields.map((f) => tr.en(f.keys.map((k) => `questionnaires:${k}`)));
    expect(en[0]).toBe('Enter a name of at most 100 characters');
    expect(en[1]).toMatch(/^A single-choice question needs 2 to 20 options/);
    expect(en[2]).toMatch(/question id/);
    expect(en[3]).toBe(en[1]);
    expect(en[4]).toBe('A questionnaire has 1 to 50 questions');
    const dup = new ApiError(409, 'CONFLICT', 'A questionnaire named "x" already exists', {
      field: 'name',
      code: 'DUPLICATE_NAME',
    });
    expect(tr['zh-CN'](errorKeys(dup, 'questionnaires:apiError'))).toBe('已有同名问卷');
  });

  it('set-up problems land on the set-up fields; an installed system says so', () => {
    const fields = setupFieldErrors(validation('email', 'password', 'timezone', 'other'));
    expect(fields.map((f) => [f.name, tr['zh-CN'](`auth:${f.key}`)])).toEqual([
      ['email', '请输入有效的邮箱地址'],
      ['password', '密码至少 8 位'],
      ['timezone', '请输入有效的时区，如 Asia/Shanghai'],
    ]);
    const done = new ApiError(409, 'CONFLICT', 'This installation is already set up');
    expect(tr.en(errorKeys(done, 'auth:setup.error'))).toBe(
      'This installation is already set up; sign in instead',
    );
  });
});
