// Exact conversions between the API's integers (fen, basis points, hundredths) and the decimal
// strings people type and read. No floating point: a decimal string is split at its point.

const cache = new Map<number, RegExp>();
function decimalRe(places: number): RegExp {
  let re = cache.get(places);
  if (!re) {
    re = places > 0 ? new RegExp(`^(\\d{1,9})(?:\\.(\\d{1,${places}}))?$`) : /^(\d{1,9})$/;
    cache.set(places, re);
  }
  return re;
}

/** "123.4" with 2 places → 12340; null when it is not a non-negative decimal with at most `places` decimals. */
export function parseDecimal(text: string, places: number): number | null {
  const m = decimalRe(places).exec(text.trim());
  if (!m) return null;
  const whole = Number(m[1]);
  const frac = (m[2] ?? '').padEnd(places, '0');
  return whole * 10 ** places + (places > 0 ? Number(frac) : 0);
}

/** 12340 with 2 places → "123.40" (signed). */
export function formatDecimal(n: number, places: number): string {
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  if (places === 0) return `${sign}${a}`;
  const unit = 10 ** places;
  return `${sign}${Math.floor(a / unit)}.${String(a % unit).padStart(places, '0')}`;
}

/** Yuan typed as a decimal string → fen. */
export const yuanToFen = (text: string) => parseDecimal(text, 2);
/** Percent typed as a decimal string ("87.5") → basis points (8750). */
export const percentToBp = (text: string) => parseDecimal(text, 2);

/** Fen → "¥1,234.50" (signed, grouped). */
export function formatYuan(fen: number): string {
  const [int, frac] = formatDecimal(Math.abs(fen), 2).split('.') as [string, string];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}¥${grouped}.${frac}`;
}

/**
 * The one convention for money people earn or lose: a deduction is shown negative ("-¥200.00") and
 * in red when it is not zero, a bonus as it is and in green; every screen and dialog uses these.
 */
export const formatDeduction = (fen: number) => formatYuan(-Math.abs(fen));
export const MONEY_COLOR = { bonus: '#237804', deduction: '#cf1322' } as const;
export const deductionColor = (fen: number) => (fen ? MONEY_COLOR.deduction : undefined);

/** Fen → "1234.50" for an input (no sign, no grouping). */
export const fenToInput = (fen: number) => formatDecimal(fen, 2);
/** Basis points → "87.5" for an input (trailing zeros dropped). */
export function bpToInput(bp: number): string {
  return formatDecimal(bp, 2).replace(/0+$/, '').replace(/\.$/, '');
}

/** A figure of an incentive item for people, by the unit its key ends in. */
export function formatFigure(key: string, value: number | string | null): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (key.endsWith('Bp')) return `${formatDecimal(value, 2)}%`;
  if (key.endsWith('Hundredths')) return formatDecimal(value, 2);
  if (key.endsWith('Fen')) return formatYuan(value);
  return String(value);
}
