// The demo's churn register (docs/product.md#the-churn-register): a year of confirmed cases spread
// over stages, reasons and departments day by day (so the weekly figures have something to show),
// and the suggestions the demo's own recent visits, events and tickets call for. Deterministic
// (a seeded generator, customers taken in phone order) and relative to the seed's `now`.
import {
  addDays,
  CHURN_CATEGORY_DEPARTMENT,
  type ChurnCategory,
  dayIn,
  dayToDate,
  zonedTime,
} from '@huifang/domain';
import type { Prisma, Tx } from '../db/prisma.ts';
import { suggestChurnCases } from '../modules/churn/suggest.ts';
import type { DemoContext } from './demo-context.ts';

/** How many confirmed cases the demo year holds. */
export const DEMO_CHURN_CASES = 320;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STAGES = [
  ['NEVER_ATTENDED', 12],
  ['DROPPED_OUT', 38],
  ['REFUNDED', 22],
  ['NOT_RENEWED', 28],
] as const;
/** which categories each stage's reasons tend to come from */
const STAGE_CATEGORIES: Record<string, ReadonlyArray<readonly [ChurnCategory, number]>> = {
  NEVER_ATTENDED: [
    ['MARKET', 5],
    ['TEACHING', 2],
    ['SERVICE', 2],
    ['FACILITY', 1],
  ],
  DROPPED_OUT: [
    ['MARKET', 1],
    ['TEACHING', 5],
    ['SERVICE', 2],
    ['FACILITY', 2],
  ],
  REFUNDED: [
    ['MARKET', 2],
    ['TEACHING', 3],
    ['SERVICE', 4],
    ['FACILITY', 1],
  ],
  NOT_RENEWED: [
    ['MARKET', 4],
    ['TEACHING', 3],
    ['SERVICE', 2],
    ['FACILITY', 1],
  ],
};

const NOTES = [
  '家长反映孩子兴趣下降',
  '工作调动离开本市',
  '报了其他机构',
  '上课时间冲突',
  '对效果不满意',
  null,
  null,
];

export async function seedDemoChurn(tx: Tx, demo: DemoContext): Promise<void> {
  const r = rng(13_002);
  const weighted = <T>(pairs: ReadonlyArray<readonly [T, number]>): T => {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let x = r() * total;
    for (const [v, w] of pairs) {
      x -= w;
      if (x < 0) return v;
    }
    return pairs[pairs.length - 1]![0];
  };
  const [reasons, departments, customers] = await Promise.all([
    tx.churnReason.findMany({ where: { organizationId: demo.orgId }, orderBy: { sort: 'asc' } }),
    tx.department.findMany({ where: { organizationId: demo.orgId }, orderBy: { name: 'asc' } }),
    tx.customer.findMany({
      where: { organizationId: demo.orgId, segment: { not: 'PROSPECT' } },
      orderBy: { phone: 'desc' },
      take: DEMO_CHURN_CASES,
      select: { id: true },
    }),
  ]);
  const deptOf = (c: ChurnCategory) =>
    departments.find((d) => d.kind === CHURN_CATEGORY_DEPARTMENT[c])?.id ?? null;
  const recorders = [
    'lead@demo.local',
    'lead2@demo.local',
    'caller1@demo.local',
    'caller2@demo.local',
    'caller4@demo.local',
  ];
  const today = dayIn(demo.now, demo.tz);
  const rows: Prisma.ChurnCaseCreateManyInput[] = customers.map((c, i) => {
    // spread over the year, day by day
    const back = Math.floor(r() * 364) + 1;
    const day = addDays(today, -back);
    const stage = weighted(STAGES);
    const category = weighted(STAGE_CATEGORIES[stage]!);
    const pool = reasons.filter((x) => x.category === category);
    const reason = pool[Math.floor(r() * pool.length)]!;
    const at = zonedTime(
      day,
      `${String(9 + (i % 9)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`,
      demo.tz,
    );
    const by = demo.users(recorders[i % recorders.length]!);
    return {
      organizationId: demo.orgId,
      customerId: c.id,
      status: 'CONFIRMED',
      stage,
      day: dayToDate(day),
      departmentId: deptOf(category),
      reasonId: reason.id,
      note: NOTES[Math.floor(r() * NOTES.length)] ?? null,
      createdById: by,
      decidedById: by,
      decidedAt: at,
      createdAt: at,
    };
  });
  await tx.churnCase.createMany({ data: rows });
  // what the demo's own recent records, events and tickets show: suggestions to confirm or dismiss
  await suggestChurnCases(tx, demo.orgId, demo.now, { notify: false });
}
