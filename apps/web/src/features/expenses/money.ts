// Money in the expenses screens, on the shared exact conversions (apps/web/src/lib/money.ts).
import { EXPENSE_MAX_FEN } from '@huifang/contracts/values';
import { formatYuan, yuanToFen as parseYuan } from '../../lib/money';

/** "12.5" → 1250, "¥1,234.5" → 123450; null when not a positive amount with at most two decimals. */
export function yuanToFen(input: string): number | null {
  const fen = parseYuan(input.trim().replace(/^¥\s*/, '').replaceAll(',', ''));
  return fen !== null && fen > 0 ? fen : null;
}

/** Whether a typed amount is acceptable: positive, two decimals at most, within the API's maximum. */
export function validYuan(input: string): boolean {
  const fen = yuanToFen(input);
  return fen !== null && fen <= EXPENSE_MAX_FEN;
}

/** 123456 → "¥1,234.56". */
export const formatFen = formatYuan;
