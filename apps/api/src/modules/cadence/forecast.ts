// The annual view of the cadence rules (docs/rules.md#r-cad-5-the-annual-view, 年度随访计划): per
// month of a year, the visits each rule (on, approved or not) asks for from the events recorded so
// far — the periodic visits of every purchase, the follow-ups of events already known — and the
// callers they fall to. Visits already made count too: it is the year's plan, not what is left.
import type { TCadenceForecast } from '@huifang/contracts';
import { type CadenceEvent, dateToDay, dueVisits, monthBounds } from '@huifang/domain';
import type { PrismaClient } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { definitionOf, engineRule } from './service.ts';

export async function cadenceForecast(
  prisma: PrismaClient,
  actor: Actor,
  year: number,
): Promise<TCadenceForecast> {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const from = monthBounds(months[0]!).first;
  const to = monthBounds(months[11]!).last;
  const rows = await prisma.cadenceRule.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  // the version that runs (approved), else the draft that would propose
  const rules = rows
    .map((r) => {
      const standing = r.active !== null && definitionOf(r.active).enabled;
      return {
        id: r.id,
        seed: r.seed,
        standing,
        def: standing ? definitionOf(r.active) : definitionOf(r.draft),
      };
    })
    .filter((r) => r.def.enabled);
  const kinds = [...new Set(rules.map((r) => r.def.trigger.eventKind))];
  const [events, customers, callers] = await Promise.all([
    prisma.customerEvent.findMany({
      where: { organizationId: actor.organizationId, kind: { in: kinds }, cancelledAt: null },
      select: { id: true, customerId: true, kind: true, day: true },
    }),
    rules.some((r) => r.def.trigger.kind === 'EVERY_MONTHS')
      ? prisma.customer.findMany({
          where: { organizationId: actor.organizationId },
          select: { id: true, tier: true },
        })
      : Promise.resolve([]),
    prisma.user.count({ where: { organizationId: actor.organizationId, role: 'CALLER', active: true } }),
  ]);
  const input: CadenceEvent[] = events.map((e) => ({
    id: e.id,
    customerId: e.customerId,
    kind: e.kind,
    day: dateToDay(e.day),
    cancelled: false,
  }));
  const { due } = dueVisits({
    rules: rules.map((r) => engineRule(r.id, r.seed, r.def)),
    events: input,
    from,
    to,
    made: new Set(),
    tiers: new Map(customers.map((c) => [c.id, c.tier])),
    listSkipped: false,
  });
  const count = new Map(rules.map((r) => [r.id, new Array<number>(12).fill(0)]));
  for (const v of due) {
    // a visit due before the year (its window reaching into it) belongs to the year before
    if (v.late) continue;
    count.get(v.ruleId)![Number(v.dueDay.slice(5, 7)) - 1]!++;
  }
  return {
    year,
    months,
    rules: rules.map((r) => {
      const perMonth = count.get(r.id)!;
      return {
        id: r.id,
        name: r.def.name,
        standing: r.standing,
        perMonth,
        total: perMonth.reduce((a, b) => a + b, 0),
      };
    }),
    callers,
    events: events.length,
  };
}
