import { describe, expect, it } from 'vitest';
import {
  bpToInput,
  deductionColor,
  fenToInput,
  formatDeduction,
  formatFigure,
  formatYuan,
  MONEY_COLOR,
  parseDecimal,
  percentToBp,
  yuanToFen,
} from './money';

describe('exact decimal conversions', () => {
  it('parses yuan to fen without floating point', () => {
    expect(yuanToFen('1000')).toBe(100000);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('1.005')).toBeNull();
    expect(yuanToFen('19.99')).toBe(1999);
    expect(yuanToFen(' 12.3 ')).toBe(1230);
    expect(yuanToFen('-1')).toBeNull();
    expect(yuanToFen('1e3')).toBeNull();
    expect(yuanToFen('')).toBeNull();
    expect(yuanToFen('.5')).toBeNull();
  });
  it('parses percent to basis points and other precisions', () => {
    expect(percentToBp('87.5')).toBe(8750);
    expect(percentToBp('100')).toBe(10000);
    expect(percentToBp('0.01')).toBe(1);
    expect(parseDecimal('4.5', 2)).toBe(450);
    expect(parseDecimal('7', 0)).toBe(7);
    expect(parseDecimal('7.5', 0)).toBeNull();
  });
  it('formats back exactly', () => {
    expect(fenToInput(100000)).toBe('1000.00');
    expect(fenToInput(5)).toBe('0.05');
    expect(bpToInput(8750)).toBe('87.5');
    expect(bpToInput(10000)).toBe('100');
    expect(bpToInput(1)).toBe('0.01');
    expect(bpToInput(0)).toBe('0');
    expect(formatYuan(123456789)).toBe('¥1,234,567.89');
    expect(formatYuan(-20000)).toBe('-¥200.00');
    expect(formatYuan(0)).toBe('¥0.00');
  });
  it('renders figures by the unit in their key', () => {
    expect(formatFigure('completionBp', 8750)).toBe('87.50%');
    expect(formatFigure('satisfactionHundredths', 450)).toBe('4.50');
    expect(formatFigure('dailyPayFen', 20000)).toBe('¥200.00');
    expect(formatFigure('assigned', 12)).toBe('12');
    expect(formatFigure('grade', 'A')).toBe('A');
    expect(formatFigure('prevSatisfactionHundredths', null)).toBe('—');
    expect(formatFigure('satisfactionChangeBp', -250)).toBe('-2.50%');
  });
  it('shows every deduction negative, red only when it is not zero', () => {
    expect(formatDeduction(20000)).toBe('-¥200.00');
    expect(formatDeduction(-20000)).toBe('-¥200.00');
    expect(formatDeduction(0)).toBe('¥0.00');
    expect(deductionColor(20000)).toBe(MONEY_COLOR.deduction);
    expect(deductionColor(0)).toBeUndefined();
  });
});
