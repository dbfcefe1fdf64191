import type { TRole } from './enums.ts';

/**
 * Permissions as `action:entity[:access]` (epic-stack's convention). Roles map to sets of
 * them here, once, for the server's checks and the web app's navigation alike; per-object
 * rules (a caller's own tasks) are checked by the services on top of these.
 */
export const PERMISSIONS = [
  'customer:read:any',
  'customer:read:assigned',
  'customer:write',
  'customer:import',
  'customer:contact:reveal',
  'plan:read',
  'plan:write',
  'plan:approve',
  'task:read:any',
  'task:read:own',
  'task:reassign',
  'visit:create:own',
  'visit:read:any',
  'visit:read:own',
  'visit:amend:any',
  'visit:amend:own',
  'questionnaire:read',
  'questionnaire:write',
  'directory:read',
  'user:manage',
  'audit:read',
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<TRole, readonly TPermission[]> = {
  ADMIN: [
    'customer:read:any',
    'customer:write',
    'customer:import',
    'customer:contact:reveal',
    'plan:read',
    'task:read:any',
    'visit:read:any',
    'questionnaire:read',
    'questionnaire:write',
    'directory:read',
    'user:manage',
    'audit:read',
  ],
  MANAGER: [
    'customer:read:any',
    'plan:read',
    'plan:approve',
    'task:read:any',
    'visit:read:any',
    'questionnaire:read',
    'directory:read',
  ],
  SUPERVISOR: [
    'customer:read:any',
    'customer:contact:reveal',
    'plan:read',
    'task:read:any',
    'visit:read:any',
    'questionnaire:read',
    'directory:read',
  ],
  LEAD: [
    'customer:read:any',
    'customer:write',
    'customer:import',
    'customer:contact:reveal',
    'plan:read',
    'plan:write',
    'task:read:any',
    'task:reassign',
    'visit:read:any',
    'visit:amend:any',
    'questionnaire:read',
    'questionnaire:write',
    'directory:read',
  ],
  CALLER: [
    'customer:read:assigned',
    'task:read:own',
    'visit:create:own',
    'visit:read:own',
    'visit:amend:own',
    'questionnaire:read',
  ],
  HANDLER: [],
};

export function can(role: TRole, permission: TPermission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function canAny(role: TRole, permissions: readonly TPermission[]): boolean {
  return permissions.some((p) => can(role, p));
}
