import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskPhone, normalisePhone, phoneSearch, visibleTailLength } from './masking.ts';

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

describe('searching by phone reveals no more than the mask', () => {
  it('shows as many trailing digits in the search as in the mask', () => {
    expect([1, 4, 5, 6, 7, 8, 10, 11, 15].map(visibleTailLength)).toEqual([0, 0, 1, 1, 1, 2, 2, 4, 4]);
    for (const phone of ['1881234', '02112345', '0211234567', '18812347243', '008613812345678']) {
      expect(maskPhone(phone).endsWith(phone.slice(-visibleTailLength(phone.length)))).toBe(true);
      expect(maskPhone(phone).at(-visibleTailLength(phone.length) - 1)).toBe('*');
    }
  });
  it('matches a whole number exactly, in any notation', () => {
    expect(phoneSearch('188 1234 7243')).toEqual({ kind: 'exact', phone: '18812347243' });
    expect(phoneSearch('+86 188-1234-7243')).toEqual({ kind: 'exact', phone: '18812347243' });
    expect(phoneSearch('1234567')).toEqual({ kind: 'exact', phone: '1234567' });
    expect(phoneSearch('123456789012345')).toEqual({ kind: 'exact', phone: '123456789012345' });
  });
  it('matches a fragment only against numbers whose mask shows that many digits', () => {
    expect(phoneSearch('3')).toEqual({ kind: 'tail', digits: '3', minLength: 7 });
    expect(phoneSearch('43')).toEqual({ kind: 'tail', digits: '43', minLength: 8 });
    expect(phoneSearch('243')).toEqual({ kind: 'tail', digits: '243', minLength: 11 });
    expect(phoneSearch('7243')).toEqual({ kind: 'tail', digits: '7243', minLength: 11 });
  });
  it('matches nothing for digits the mask hides', () => {
    for (const q of ['07243', '47243', '347243', '2347243'.slice(1), '1234567890123456', '', '-']) {
      expect(phoneSearch(q)).toEqual({ kind: 'none' });
    }
  });
});
