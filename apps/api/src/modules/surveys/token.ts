// A survey link's token (docs/decisions/014-survey-links-and-messages.md): the link's id and an
// HMAC-SHA256 of it under the app's secret, both base64url. Only a token the app signed reaches the
// database; only its SHA-256 is stored.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const PURPOSE = 'huifang:survey-link:';

const mac = (secret: string, id: string) =>
  createHmac('sha256', secret)
    .update(PURPOSE + id)
    .digest();

export function surveyToken(secret: string, id: string): string {
  return `${Buffer.from(id.replaceAll('-', ''), 'hex').toString('base64url')}.${mac(secret, id).toString('base64url')}`;
}

/** The link id a token names, when the app signed it; null for anything else. */
export function surveyLinkIdOf(secret: string, token: string): string | null {
  const m = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const hex = Buffer.from(m[1]!, 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const given = Buffer.from(m[2]!, 'base64url');
  const want = mac(secret, id);
  return given.length === want.length && timingSafeEqual(given, want) ? id : null;
}

export const tokenHashOf = (token: string) => createHash('sha256').update(token).digest('hex');
