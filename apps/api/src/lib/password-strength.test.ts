import { describe, expect, it } from 'vitest';
import { passwordWeakness } from './password-strength.ts';

describe('password strength (docs/rules.md#r-auth-1-password-strength)', () => {
  it('refuses the passwords an outside probe got accepted, and says why', () => {
    expect(passwordWeakness('12345678')).toBe('COMMON');
    expect(passwordWeakness('password')).toBe('COMMON');
    expect(passwordWeakness('        ')).toBe('PATTERN');
    expect(passwordWeakness('welcome123')).toBe('COMMON');
  });
  it('refuses what Chinese users reuse: pinyin names, birthdays, mobile numbers', () => {
    expect(passwordWeakness('zhangwei88')).toBe('PINYIN');
    expect(passwordWeakness('wangfang1990')).toBe('PINYIN');
    expect(passwordWeakness('19900512')).toBe('DATE');
    expect(passwordWeakness('a13812345678')).toBe('PHONE');
  });
  it('refuses the user’s own name, e-mail and organisation', () => {
    const context = { name: 'Zhou Min', email: 'zhoumin@sunrise-school.cn', organization: 'sunrise-school' };
    expect(passwordWeakness('sunrise-school1', context)).toBe('PERSONAL');
    expect(passwordWeakness('zhoumin2026!', context)).not.toBeNull();
  });
  it('accepts passphrases and random strings', () => {
    expect(passwordWeakness('lantern-orbit-crash-47')).toBeNull();
    expect(passwordWeakness('Tq8#vL2pXr')).toBeNull();
    expect(passwordWeakness('紫色的长颈鹿在月光下跳舞')).toBeNull();
  });
});
