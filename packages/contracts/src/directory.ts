import { z } from 'zod';
import { ZDepartmentKind, ZRole } from './enums.ts';

export const ZDirectoryUser = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: ZRole,
  teamId: z.string().nullable(),
  departmentId: z.string().nullable(),
  active: z.boolean(),
});
export type TDirectoryUser = z.infer<typeof ZDirectoryUser>;

export const ZTeam = z.object({
  id: z.string(),
  name: z.string(),
  departmentId: z.string(),
  leaderId: z.string().nullable(),
  memberCount: z.number().int(),
});
export type TTeam = z.infer<typeof ZTeam>;

export const ZDepartment = z.object({
  id: z.string(),
  name: z.string(),
  kind: ZDepartmentKind,
  headUserId: z.string().nullable(),
});
export type TDepartment = z.infer<typeof ZDepartment>;

export const ZUserListQuery = z.object({
  role: ZRole.optional(),
  teamId: z.uuid().optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const ZAuditEntry = z.object({
  id: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;
