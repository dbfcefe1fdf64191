// Contracts of integration keys (docs/api.md#integrations): another system posts customer events
// with one; an administrator creates (the key is shown once) and revokes them.
import { z } from 'zod';
import { API_KEY_SCOPES } from './values.ts';

export const ZApiKeyCreate = z.strictObject({
  name: z.string().trim().min(1).max(60),
  /** what the key may do; EVENTS when left out (docs/api.md#integrations) */
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length).optional(),
});
export type TApiKeyCreate = z.input<typeof ZApiKeyCreate>;

const ZPerson = z.object({ id: z.string(), name: z.string() });

export const ZApiKey = z.object({
  id: z.string(),
  name: z.string(),
  /** the key's first characters, to tell keys apart; the key itself is never shown again */
  prefix: z.string(),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  createdBy: ZPerson.nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TApiKey = z.infer<typeof ZApiKey>;
export const ZApiKeyList = z.object({ items: z.array(ZApiKey) });

/** The answer to creating a key: the key, this once. */
export const ZApiKeyCreated = z.object({ apiKey: ZApiKey, key: z.string() });
export type TApiKeyCreated = z.infer<typeof ZApiKeyCreated>;
