import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskPhone, normalisePhone } from './masking.ts';

describe('masking', () => {
  it('masks mainland mobiles as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('18614021402')).toBe('186****1402');
  });
  it('masks short and odd numbers without revealing most digits', () => {
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone('02112345')).toBe('02****45');
    expect(maskPhone('')).toBe('');
  });
  it('masks e-mails and names', () => {
    expect(maskEmail('zhang.wei@example.com')).toBe('z***@example.com');
    expect(maskEmail('x')).toBe('*');
    expect(maskName('仲晓妮')).toBe('仲*妮');
    expect(maskName('王芳')).toBe('王*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });
  it('normalises phone numbers to digits', () => {
    expect(normalisePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalisePhone('0086 13812345678')).toBe('13812345678');
    expect(normalisePhone('(021) 1234 5678')).toBe('02112345678');
  });
});
