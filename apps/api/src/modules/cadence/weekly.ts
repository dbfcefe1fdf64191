// The week's figures of the cadence rules (每周回访统计, docs/rules.md#r-cad-9-weekly-figures; seed 003
// "美容医院每周对回访数据进行统计、分析"): per rule, the visits due in an ISO week of the organisation —
// made, done, unreachable, suppressed, postponed, withdrawn, planned — and the survey links sent that
// week on their tasks with the online response rate; the total; and the 8 weeks up to it for a trend.
//
// Two statements over the 8 weeks at once, grouped by rule and week: the visits by their due day
// (index (organizationId, dueDay)), the links by their local sending day.
import type { TCadenceWeekly, TCadenceWeeklyCounts } from '@huifang/contracts';
import {
  addDays,
  addWeeks,
  dayIn,
  isoWeekBounds,
  isoWeekOf,
  onlineResponseRate,
  startOfDay,
} from '@huifang/domain';
import type { PrismaClient } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { invalid } from '../../lib/errors.ts';
import { definitionOf } from './service.ts';

/** how many weeks the trend shows, this one included */
export const WEEKLY_TREND_WEEKS = 8;

type Counts = Omit<TCadenceWeeklyCounts, 'responseRate'>;
const zero = (): Counts => ({
  due: 0,
  made: 0,
  done: 0,
  unreachable: 0,
  suppressed: 0,
  postponed: 0,
  withdrawn: 0,
  planned: 0,
  linksSent: 0,
  linksAnswered: 0,
});
const KEYS = Object.keys(zero()) as Array<keyof Counts>;
const add = (into: Counts, c: Partial<Counts>) => {
  for (const k of KEYS) into[k] += c[k] ?? 0;
};
const withRate = (c: Counts): TCadenceWeeklyCounts => ({
  ...c,
  responseRate: onlineResponseRate(c.linksAnswered, c.linksSent),
});

export async function cadenceWeekly(
  prisma: PrismaClient,
  actor: Actor,
  week: string | undefined,
): Promise<TCadenceWeekly> {
  const org = await prisma.organization.findUniqueOrThrow({
    where: { id: actor.organizationId },
    select: { timezone: true },
  });
  const tz = org.timezone;
  const w = week ?? isoWeekOf(dayIn(actor.now, tz));
  const bounds = isoWeekBounds(w);
  if (!bounds) throw invalid(`${w} is not an ISO week (YYYY-Www, W53 only in a year that has one)`);
  const firstWeek = addWeeks(w, -(WEEKLY_TREND_WEEKS - 1));
  const from = isoWeekBounds(firstWeek)!.first;
  const to = bounds.last;

  const [visits, links, rules] = await Promise.all([
    prisma.$queryRaw<Array<Partial<Counts> & { ruleId: string; w: number }>>`
      SELECT cv."ruleId"::text AS "ruleId", ((cv."dueDay" - ${from}::date) / 7)::int AS w,
             count(*)::int AS due,
             (count(*) FILTER (WHERE cv.status = 'TASK'))::int AS made,
             (count(*) FILTER (WHERE cv.status = 'TASK' AND t.status = 'DONE'))::int AS done,
             (count(*) FILTER (WHERE cv.status = 'TASK' AND t.status = 'UNREACHABLE'))::int AS unreachable,
             (count(*) FILTER (WHERE cv.status = 'SUPPRESSED'))::int AS suppressed,
             (count(*) FILTER (WHERE cv.status = 'POSTPONED'))::int AS postponed,
             (count(*) FILTER (WHERE cv.status = 'WITHDRAWN'))::int AS withdrawn,
             (count(*) FILTER (WHERE cv.status = 'PLANNED'))::int AS planned
        FROM "CadenceVisit" cv
        LEFT JOIN "Task" t ON t.id = cv."taskId"
       WHERE cv."organizationId" = ${actor.organizationId}::uuid
         AND cv."dueDay" BETWEEN ${from}::date AND ${to}::date
       GROUP BY 1, 2`,
    prisma.$queryRaw<Array<{ ruleId: string | null; w: number; linksSent: number; linksAnswered: number }>>`
      SELECT cv."ruleId"::text AS "ruleId",
             ((((sl."sentAt" AT TIME ZONE ${tz})::date) - ${from}::date) / 7)::int AS w,
             count(*)::int AS "linksSent",
             count(sl."answeredAt")::int AS "linksAnswered"
        FROM "SurveyLink" sl
        LEFT JOIN "CadenceVisit" cv
          ON cv."taskId" = sl."taskId" AND cv."organizationId" = ${actor.organizationId}::uuid
         AND cv.status = 'TASK'
       WHERE sl."organizationId" = ${actor.organizationId}::uuid
         AND sl."sentAt" >= ${startOfDay(from, tz)} AND sl."sentAt" < ${startOfDay(addDays(to, 1), tz)}
       GROUP BY 1, 2`,
    prisma.cadenceRule.findMany({
      where: { organizationId: actor.organizationId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, active: true, draft: true },
    }),
  ]);

  const current = WEEKLY_TREND_WEEKS - 1;
  const perRule = new Map<string, Counts>();
  const perWeek = Array.from({ length: WEEKLY_TREND_WEEKS }, zero);
  const outside = zero();
  const ruleCounts = (id: string) => {
    const c = perRule.get(id) ?? zero();
    perRule.set(id, c);
    return c;
  };
  for (const { ruleId, w: i, ...c } of [...visits, ...links]) {
    if (ruleId === null) {
      if (i === current) add(outside, c);
      continue;
    }
    add(perWeek[i]!, c);
    if (i === current) add(ruleCounts(ruleId), c);
  }
  const total = zero();
  const rows = rules
    .map((r) => {
      const def = definitionOf(r.active ?? r.draft);
      return { r, def, c: perRule.get(r.id) };
    })
    // a rule that is on, or one with figures this week (turned off since)
    .filter(({ def, c }) => def.enabled || c !== undefined)
    .map(({ r, def, c }) => {
      const counts = c ?? zero();
      add(total, counts);
      return { id: r.id, name: def.name, ...withRate(counts) };
    });
  return {
    week: w,
    first: bounds.first,
    last: bounds.last,
    timezone: tz,
    rules: rows,
    total: withRate(total),
    outsideRules: {
      linksSent: outside.linksSent,
      linksAnswered: outside.linksAnswered,
      responseRate: onlineResponseRate(outside.linksAnswered, outside.linksSent),
    },
    trend: perWeek.map((c, i) => {
      const wk = addWeeks(firstWeek, i);
      return { week: wk, first: isoWeekBounds(wk)!.first, ...withRate(c) };
    }),
  };
}
