// GET /cadence-rules/weekly — the week's figures of the cadence rules (每周回访统计,
// docs/rules.md#r-cad-9-weekly-figures).
import { z } from 'zod';
import { ZRatio } from './reports.ts';

export const ZCadenceWeeklyQuery = z.object({
  /** ISO week `YYYY-Www` in the organisation's timezone; the current week when left out */
  week: z
    .string()
    .regex(/^\d{4}-W\d{2}$/, 'an ISO week, YYYY-Www')
    .optional(),
});
export type TCadenceWeeklyQuery = z.infer<typeof ZCadenceWeeklyQuery>;

export const ZCadenceWeeklyCounts = z.object({
  /** the rules' visits due in the week (by their due day), whatever became of them */
  due: z.int(),
  /** of those, made into a task */
  made: z.int(),
  /** of those made, the task is DONE (visited) */
  done: z.int(),
  /** of those made, the task is UNREACHABLE (finished, nobody reached) */
  unreachable: z.int(),
  suppressed: z.int(),
  postponed: z.int(),
  withdrawn: z.int(),
  /** taken into a monthly plan (R-CAD-7), no task yet */
  planned: z.int(),
  /** survey links sent in the week (organisation days) on these tasks */
  linksSent: z.int(),
  /** of those, answered (whenever) */
  linksAnswered: z.int(),
  /** 线上回复率 answered ÷ sent; `bp` null when none was sent */
  responseRate: ZRatio,
});
export type TCadenceWeeklyCounts = z.infer<typeof ZCadenceWeeklyCounts>;

export const ZCadenceWeekly = z.object({
  week: z.string(),
  /** Monday and Sunday of the week */
  first: z.string(),
  last: z.string(),
  timezone: z.string(),
  rules: z.array(
    ZCadenceWeeklyCounts.extend({
      id: z.string(),
      name: z.string(),
    }),
  ),
  /** the sum over the rules */
  total: ZCadenceWeeklyCounts,
  /** survey links of the week on tasks no rule made (planned tasks): not in `total` */
  outsideRules: z.object({ linksSent: z.int(), linksAnswered: z.int(), responseRate: ZRatio }),
  /** the totals of the 8 weeks ending with this one, oldest first */
  trend: z.array(ZCadenceWeeklyCounts.extend({ week: z.string(), first: z.string() })),
});
export type TCadenceWeekly = z.infer<typeof ZCadenceWeekly>;
