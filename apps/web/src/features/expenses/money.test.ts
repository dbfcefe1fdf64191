import { describe, expect, it } from 'vitest';
import { formatFen, validYuan, yuanToFen } from './money';

describe('yuanToFen', () => {
  it('converts exactly, digit by digit', () => {
    expect(yuanToFen('12.5')).toBe(1250);
    expect(yuanToFen('12.50')).toBe(1250);
    expect(yuanToFen('0.29')).toBe(29); // 0.29 * 100 = 28.999999999999996 in floats
    expect(yuanToFen('1.15')).toBe(115); // 1.15 * 100 = 114.99999999999999
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('3')).toBe(300);
    expect(yuanToFen(' 8.00 ')).toBe(800);
    expect(yuanToFen('¥1,234.56')).toBe(123456);
    expect(yuanToFen('007.5')).toBe(750);
  });

  it('refuses what is not a positive amount with two decimals at most', () => {
    for (const s of [
      '',
      ' ',
      '0',
      '0.00',
      '-1',
      '1.234',
      '1.',
      '.5',
      'abc',
      '1e3',
      '12,5.0.1',
      '1 000',
      '+3',
    ]) {
      expect(yuanToFen(s), s).toBeNull();
    }
  });

  it('bounds the amount by the API maximum (¥10,000.00)', () => {
    expect(validYuan('10000')).toBe(true);
    expect(validYuan('10000.01')).toBe(false);
    expect(validYuan('0.01')).toBe(true);
    expect(validYuan('0')).toBe(false);
  });
});

describe('formatFen', () => {
  it('formats fen as yuan with two decimals and thousands separators', () => {
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(7)).toBe('¥0.07');
    expect(formatFen(1250)).toBe('¥12.50');
    expect(formatFen(123456789)).toBe('¥1,234,567.89');
    expect(formatFen(-505)).toBe('-¥5.05');
  });
});
