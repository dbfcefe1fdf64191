// Contracts of the contact policy (docs/rules.md#r-cad-6-contact-policy): how often one customer may
// be contacted and the quiet hours, per organisation.
import { z } from 'zod';
import { ZTimeOfDay } from './customers.ts';
import { ZVersion } from './numbers.ts';

const ZPerson = z.object({ id: z.string(), name: z.string() });

export const ZContactPolicy = z.object({
  maxContacts: z.number().int(),
  windowDays: z.number().int(),
  quietFrom: z.string().nullable(),
  quietTo: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: ZPerson.nullable(),
  /** whether the user may change it */
  canEdit: z.boolean(),
});
export type TContactPolicy = z.infer<typeof ZContactPolicy>;

export const ZContactPolicyPatch = z.strictObject({
  maxContacts: z.number().int().optional(),
  windowDays: z.number().int().optional(),
  quietFrom: ZTimeOfDay.nullable().optional(),
  quietTo: ZTimeOfDay.nullable().optional(),
  version: ZVersion,
});
export type TContactPolicyPatch = z.input<typeof ZContactPolicyPatch>;
