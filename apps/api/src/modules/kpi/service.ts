// GET /api/kpi: a month's KPI per caller, team or department, computed live from one statement
// (presenters/kpi-counts.ts) and the pure engine (packages/domain/src/kpi.ts). Managers,
// administrators and supervisors see everybody; a lead sees their team (and their department's
// total); a caller sees themself.
import type { TKpiQuery, TKpiResponse, TKpiRow, TKpiScope } from '@huifang/contracts';
import { can, ZKpiResponse } from '@huifang/contracts';
import {
  computeKpi,
  dayIn,
  type KpiCounts,
  type KpiPolicy,
  kpiDueBefore,
  monthIn,
  monthPhase,
  sumCounts,
} from '@huifang/domain';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';
import { JsonBodies, type JsonBody } from '../../lib/json-bodies.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { type CallerCounts, orgCallerCounts } from '../../presenters/kpi-counts.ts';
import { policyForMonth } from './policy.ts';

type Db = PrismaClient | Tx;

export interface Grouped {
  id: string;
  name: string;
  teamId: string | null;
  departmentId: string | null;
  counts: KpiCounts;
}

/** Sums callers' counts per team or department; named from the directory. */
export async function groupCounts(
  db: Db,
  organizationId: string,
  callers: readonly CallerCounts[],
  scope: Exclude<TKpiScope, 'caller'>,
): Promise<Grouped[]> {
  const key = (c: CallerCounts) => (scope === 'team' ? c.teamId : c.departmentId);
  const groups = new Map<string, CallerCounts[]>();
  for (const c of callers) {
    const k = key(c);
    if (!k) continue;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  const names =
    scope === 'team'
      ? await db.team.findMany({
          where: { organizationId, id: { in: [...groups.keys()] } },
          select: { id: true, name: true, departmentId: true },
        })
      : (
          await db.department.findMany({
            where: { organizationId, id: { in: [...groups.keys()] } },
            select: { id: true, name: true },
          })
        ).map((d) => ({ ...d, departmentId: d.id }));
  return names
    .map((n) => ({
      id: n.id,
      name: n.name,
      teamId: scope === 'team' ? n.id : null,
      departmentId: n.departmentId,
      counts: sumCounts((groups.get(n.id) ?? []).map((c) => c.counts)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
}

/** The callers a user may see the KPI of (null: everybody). */
export function visibleCallers(user: SessionUser, callers: CallerCounts[]): CallerCounts[] {
  if (can(user.role, 'kpi:read:any')) return callers;
  if (can(user.role, 'kpi:read:team'))
    return callers.filter((c) => c.teamId !== null && c.teamId === user.teamId);
  return callers.filter((c) => c.userId === user.id);
}

export function kpiRows(groups: readonly Grouped[], policy: KpiPolicy): TKpiRow[] {
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    teamId: g.teamId,
    departmentId: g.departmentId,
    kpi: computeKpi(g.counts, policy),
  }));
}

/**
 * The live month's answers kept serialised per organisation, viewer's reach and query while the
 * shared figures and the policy are the same (lib/json-bodies.ts, docs/performance.md#mixed-load).
 */
export const kpiBodies = new JsonBodies();

/** What of the organisation's callers a user may see the KPI of: the part of the cache key. */
function reachOf(user: SessionUser): string {
  if (can(user.role, 'kpi:read:any')) return 'any';
  if (can(user.role, 'kpi:read:team')) return `team:${user.teamId ?? '-'}:${user.departmentId ?? '-'}`;
  return `self:${user.id}`;
}

/** GET /api/kpi's body, serialised (ZKpiResponse), with its entity tag. */
export async function getKpi(prisma: PrismaClient, actor: Actor, q: TKpiQuery): Promise<JsonBody> {
  const user = actor.user;
  const month = q.month ?? monthIn(actor.now, user.timezone);
  const scope = q.scope;
  if (scope !== 'caller' && !can(user.role, 'kpi:read:any') && !can(user.role, 'kpi:read:team')) {
    throw forbidden('You can only see your own KPI');
  }
  // A month not over is measured on what was due so far (docs/rules.md#r-kpi-12-a-month-in-progress).
  const today = dayIn(actor.now, user.timezone);
  const dueBefore = kpiDueBefore(month, today);
  const phase = monthPhase(month, today);
  const [policy, live] = await Promise.all([
    policyForMonth(prisma, user.organizationId, month),
    orgCallerCounts(prisma, user.organizationId, month, user.timezone, dueBefore, actor.now),
  ]);
  const slot = `${user.organizationId}|${reachOf(user)}|${month}|${scope}|${user.timezone}`;
  const stamp = `${JsonBodies.identity(live.value)}|${live.asOf.toISOString()}|${policy.version}|${dueBefore ?? ''}|${phase}`;
  return kpiBodies.get(ZKpiResponse, slot, stamp, async () => {
    const all = live.value;
    const callers = visibleCallers(user, all);
    let groups: Grouped[];
    if (scope === 'caller') {
      groups = callers.map((c) => ({
        id: c.userId,
        name: c.name,
        teamId: c.teamId,
        departmentId: c.departmentId,
        counts: c.counts,
      }));
    } else if (scope === 'team') {
      groups = await groupCounts(prisma, user.organizationId, callers, 'team');
    } else {
      // A lead's department total is the whole department's, not just their team's.
      const inDept = can(user.role, 'kpi:read:any')
        ? all
        : all.filter((c) => c.departmentId === user.departmentId);
      groups = await groupCounts(prisma, user.organizationId, inDept, 'department');
    }
    const rows = kpiRows(groups, policy.values);
    return {
      month,
      asOf: live.asOf.toISOString(),
      scope,
      phase,
      dueBefore,
      policyVersion: policy.version,
      targets: policy.values.targets,
      rows,
      total: computeKpi(sumCounts(groups.map((g) => g.counts)), policy.values),
    } satisfies TKpiResponse;
  });
}
