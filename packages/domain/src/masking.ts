/** How many trailing digits the mask of a number of `length` digits shows (docs/rules.md#r-mask-1-masking-formats). */
export function visibleTailLength(length: number): number {
  if (length >= 11) return 4;
  if (length <= 4) return 0;
  return Math.max(1, Math.floor(length / 4));
}

/** `13812345678` → `138****5678`; shorter numbers keep their first and last quarter. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length >= 11) return `${p.slice(0, 3)}****${p.slice(-4)}`;
  if (p.length <= 4) return '*'.repeat(p.length);
  const keep = visibleTailLength(p.length);
  return `${p.slice(0, keep)}${'*'.repeat(p.length - 2 * keep)}${p.slice(-keep)}`;
}

/** The digits a phone number may have: 7 to 15 (docs/rules.md#r-cus-2-customer-import). */
export const PHONE_DIGITS = { min: 7, max: 15 } as const;

/**
 * How a search by digits may match a phone number without revealing more than its mask
 * (docs/rules.md#r-mask-4-searching-by-phone):
 * - a whole number (7–15 digits, any notation) matches that number exactly — the search is audited;
 * - a fragment matches the end of the numbers whose mask shows at least that many trailing
 *   digits (`minLength`: the shortest such number), so "does it end in 07243?" finds nothing
 *   that `188****7243` does not already show;
 * - any other string of digits matches nothing.
 */
export type PhoneSearch =
  | { kind: 'exact'; phone: string }
  | { kind: 'tail'; digits: string; minLength: number }
  | { kind: 'none' };

export function phoneSearch(query: string): PhoneSearch {
  const digits = normalisePhone(query);
  if (digits.length >= PHONE_DIGITS.min && digits.length <= PHONE_DIGITS.max) {
    return { kind: 'exact', phone: digits };
  }
  for (let length = PHONE_DIGITS.min; length <= PHONE_DIGITS.max; length++) {
    if (digits.length > 0 && visibleTailLength(length) >= digits.length) {
      return { kind: 'tail', digits, minLength: length };
    }
  }
  return { kind: 'none' };
}
/** `zhang.wei@example.com` → `z***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return maskPhone(email);
  return `${email[0]}***${email.slice(at)}`;
}

/** `仲晓妮` → `仲*妮`, `王芳` → `王*` (Ant Design's data-format spec). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Digits only; a leading +86/0086 country code is dropped. */
export function normalisePhone(raw: string): string {
  let digits = raw.replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (digits.length === 15 && digits.startsWith('0086')) digits = digits.slice(4);
  return digits;
}
