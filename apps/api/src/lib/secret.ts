// The app's signing secret (survey links, docs/decisions/014-survey-links-and-messages.md):
// HUIFANG_SECRET, or one made once and kept in the data directory so links outlive a restart.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config.ts';

const made = new Map<string, string>();

export function signingSecret(config: Pick<AppConfig, 'secret' | 'dataDir'>): string {
  if (config.secret) {
    if (config.secret.length < 32) throw new Error('HUIFANG_SECRET must be at least 32 characters');
    return config.secret;
  }
  const file = path.join(config.dataDir, 'secret');
  const known = made.get(file);
  if (known) return known;
  let secret: string;
  try {
    secret = readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    secret = randomBytes(32).toString('base64url');
    try {
      // another process may have written it first: then keep theirs
      writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    } catch {
      secret = readFileSync(file, 'utf8').trim();
    }
  }
  made.set(file, secret);
  return secret;
}
