/** `13812345678` → `138****5678`; shorter numbers keep their first and last quarter. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length >= 11) return `${p.slice(0, 3)}****${p.slice(-4)}`;
  if (p.length <= 4) return '*'.repeat(p.length);
  const keep = Math.max(1, Math.floor(p.length / 4));
  return `${p.slice(0, keep)}${'*'.repeat(p.length - 2 * keep)}${p.slice(-keep)}`;
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
