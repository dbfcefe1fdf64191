import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum for argon2id).
export const hashPassword = (password: string) => hash(password, { algorithm: 2 });

// Verified against unknown e-mails, so that a miss costs as long as a hit.
let dummy: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  dummy ??= hashPassword('no such user');
  try {
    const ok = await verify(storedHash ?? (await dummy), password);
    return storedHash !== null && ok;
  } catch {
    return false;
  }
}
