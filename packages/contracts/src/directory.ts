import { z } from 'zod';
import { ZDepartmentKind, ZRole } from './enums.ts';
import { JOB_TITLES } from './values.ts';

/** A job title (职务), separate from the role (docs/rules.md#r-chain-1-chains). */
const ZTitle = z.enum(JOB_TITLES);

export const ZDirectoryUser = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: ZRole,
  /** job title (JOB_TITLES) */
  title: z.string().nullable(),
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

export const ZUserCreate = z.object({
  email: z.string().trim().toLowerCase().email(),
  name: z.string().trim().min(1).max(50),
  role: ZRole,
  title: ZTitle.nullish(),
  departmentId: z.uuid().nullish(),
  teamId: z.uuid().nullish(),
  password: z.string().min(8).max(200),
});
export type TUserCreate = z.infer<typeof ZUserCreate>;

export const ZUserUpdate = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  role: ZRole.optional(),
  title: ZTitle.nullish(),
  departmentId: z.uuid().nullish(),
  teamId: z.uuid().nullish(),
  active: z.boolean().optional(),
  password: z.string().min(8).max(200).optional(),
});
export type TUserUpdate = z.infer<typeof ZUserUpdate>;

export const ZTeamCreate = z.object({
  name: z.string().trim().min(1).max(50),
  departmentId: z.uuid(),
  leaderId: z.uuid().nullish(),
});
export const ZTeamUpdate = ZTeamCreate.partial();
