import { z } from 'zod';
import { ZRole } from './enums.ts';
import type { PASSWORD_WHY } from './values.ts';

export const ZLoginBody = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(200),
});
export type TLoginBody = z.infer<typeof ZLoginBody>;

export const ZMe = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  /** job title (职务), separate from the role */
  title: z.string().nullable(),
  locale: z.string(),
  organization: z.object({ id: z.string(), name: z.string(), timezone: z.string(), demo: z.boolean() }),
  departmentId: z.string().nullable(),
  teamId: z.string().nullable(),
  permissions: z.array(z.string()),
});
export type TMe = z.infer<typeof ZMe>;

/** Who is signed in on this browser, if anyone: the app's probe, answered 200 either way. */
export const ZSession = z.object({ user: ZMe.nullable() });
export type TSession = z.infer<typeof ZSession>;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const ZSetupStatus = z.object({ needsAdmin: z.boolean() });

export const ZSetupBody = z.object({
  organizationName: z.string().trim().min(1).max(100),
  timezone: z
    .string()
    .default('Asia/Shanghai')
    .refine(isTimeZone, { message: 'not a known IANA timezone, e.g. Asia/Shanghai' }),
  name: z.string().trim().min(1).max(50),
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(8).max(200),
});
export type TSetupBody = z.infer<typeof ZSetupBody>;

export type TPasswordWhy = (typeof PASSWORD_WHY)[number];
