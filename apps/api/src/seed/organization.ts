import type { DepartmentKind } from '../db/generated/enums.ts';
import type { Tx } from '../db/prisma.ts';

/** The departments every institution in the seeds has (DESIGN §3), by kind. */
export const DEFAULT_DEPARTMENTS: Array<{ kind: DepartmentKind; name: string }> = [
  { kind: 'VISIT', name: '回访部' },
  { kind: 'SUPERVISION', name: '监督部' },
  { kind: 'TEACHING', name: '教学部' },
  { kind: 'SERVICE', name: '服务部' },
  { kind: 'MARKET', name: '市场部' },
  { kind: 'ADMIN', name: '行政部' },
];

export async function createOrganization(
  tx: Tx,
  input: { name: string; timezone?: string; demo: boolean },
): Promise<{ id: string; departments: Record<DepartmentKind, string> }> {
  const org = await tx.organization.create({
    data: { name: input.name, timezone: input.timezone ?? 'Asia/Shanghai', demo: input.demo },
  });
  const departments = {} as Record<DepartmentKind, string>;
  for (const d of DEFAULT_DEPARTMENTS) {
    const row = await tx.department.create({ data: { organizationId: org.id, name: d.name, kind: d.kind } });
    departments[d.kind] = row.id;
  }
  return { id: org.id, departments };
}
