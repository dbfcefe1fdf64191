import { formatBp, formatHundredths } from '@huifang/domain';
import { formatYuan } from '../../lib/money';

// Units are in the contracts' field names: `…Bp` basis points, `…Hundredths`, `…Fen`; all integers.
// Every figure is formatted from its integer, never through a float.

/** 8750 → "87.50%"; null → "--". */
export function bp(value: number | null | undefined): string {
  return value === null || value === undefined ? '--' : formatBp(value);
}

/** A signed change in basis points: -250 → "-2.50%", 125 → "+1.25%". */
export function signedBp(value: number | null | undefined): string {
  if (value === null || value === undefined) return '--';
  const sign = value > 0 ? '+' : value < 0 ? '-' : '';
  return `${sign}${formatBp(Math.abs(value))}`;
}

/** 450 → "4.50"; null → "--". */
export function hundredths(value: number | null | undefined): string {
  return value === null || value === undefined ? '--' : (formatHundredths(value) ?? '--');
}

/** 1234567 fen → "¥12,345.67". */
export const fen = formatYuan;

/** A rate as a chart value in percent (8750 → 87.5); only for drawing, labels use `bp`. */
export function bpToChart(value: number | null): number | null {
  return value === null ? null : value / 100;
}

/** Hundredths as a chart value (450 → 4.5); only for drawing. */
export function hundredthsToChart(value: number | null): number | null {
  return value === null ? null : value / 100;
}
