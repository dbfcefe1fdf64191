// Masking and phone normalisation at their edges: surrounding spaces, one-character names,
// e-mails without a local part, and numbers that only look like they carry a country code.
import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskPhone, normalisePhone } from './masking.ts';

describe('maskPhone', () => {
  it('ignores surrounding spaces', () => {
    expect(maskPhone('  13812345678 ')).toBe('138****5678');
    expect(maskPhone(' 1234 ')).toBe('****');
  });
  it('keeps a quarter at each end of a mid-length number, at least one digit', () => {
    expect(maskPhone('12345')).toBe('1***5');
    expect(maskPhone('1234567890')).toBe('12******90');
  });
});

describe('maskEmail', () => {
  it('masks an address without a local part like a phone number', () => {
    expect(maskEmail('@example.com')).toBe('@ex****.com');
  });
  it('keeps the first character of a one-character local part', () => {
    expect(maskEmail('a@b.cn')).toBe('a***@b.cn');
  });
});

describe('maskName', () => {
  it('ignores surrounding spaces', () => {
    expect(maskName(' 王芳 ')).toBe('王*');
    expect(maskName('  仲晓妮')).toBe('仲*妮');
  });
  it('leaves a one-character name and an empty one as they are', () => {
    expect(maskName('王')).toBe('王');
    expect(maskName('')).toBe('');
  });
});

describe('normalisePhone', () => {
  it('drops 86 only from a 13-digit number', () => {
    expect(normalisePhone('8613812345678')).toBe('13812345678');
    expect(normalisePhone('86123456789')).toBe('86123456789');
    expect(normalisePhone('861381234567890')).toBe('861381234567890');
  });
  it('keeps a 13-digit number that does not start with 86', () => {
    expect(normalisePhone('1381234567890')).toBe('1381234567890');
  });
  it('drops 0086 only from a 15-digit number', () => {
    expect(normalisePhone('0086 1381 2345 678')).toBe('13812345678');
    expect(normalisePhone('0086 1234 5678')).toBe('008612345678');
    expect(normalisePhone('001381234567890')).toBe('001381234567890');
  });
});
