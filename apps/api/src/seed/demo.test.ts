// The demo is seeded for a given "now": on awkward dates too it holds what a new user needs to
// try every screen (work due, tickets in every state, closed months for the dashboards).
import { addMonths, dayIn, dayToDate, monthIn } from '@huifang/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helper.ts';
import { createPrisma } from '../db/prisma.ts';
import { DEMO_TIMEZONE, seedDemoIfEmpty } from './demo.ts';

const INSTANTS = [
  ['the 1st of a month, 00:30 in Shanghai', '2026-12-01T00:30:00+08:00'],
  ['the last day of a month, 23:30 in Shanghai', '2026-11-30T23:30:00+08:00'],
  ['New Year, 00:10 in Shanghai', '2027-01-01T00:10:00+08:00'],
  ['a leap day', '2028-02-29T12:00:00+08:00'],
] as const;

describe.each(INSTANTS)('the demo seeded on %s', async (_label, iso) => {
  const now = new Date(iso);
  const url = await createTestDatabase('empty');
  const prisma = createPrisma(url, 2);
  afterAll(() => prisma.$disconnect());
  const tz = DEMO_TIMEZONE;
  const month = monthIn(now, tz);

  // Seeding the whole demo (a year of plans, visits, inspections, tickets, two month closes) is
  // genuinely long work: 16–25 s here, past the default 30 s when the machine is busy.
  it('seeds once, and holds work due for the callers today or overdue', { timeout: 180_000 }, async () => {
    expect(await seedDemoIfEmpty(prisma, { now })).toBe(true);
    const today = dayToDate(dayIn(now, tz));
    const open = await prisma.task.count({
      where: { status: { in: ['PENDING', 'IN_PROGRESS'] }, dueDate: { lte: today } },
    });
    expect(open).toBeGreaterThan(0);
    // nothing in the demo happened after its "now"
    expect(await prisma.visitRecord.count({ where: { startedAt: { gt: now } } })).toBe(0);
    expect(await prisma.issueTicket.count({ where: { createdAt: { gt: now } } })).toBe(0);
    expect(await prisma.ticketEvent.count({ where: { createdAt: { gt: now } } })).toBe(0);
  });

  it('holds tickets in every state, two escalated', async () => {
    const rows = await prisma.issueTicket.findMany({ select: { status: true, escalationLevel: true } });
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(['OPEN', 'IN_PROGRESS', 'RESPONDED', 'REOPENED', 'CLOSED']),
    );
    expect(rows.filter((r) => r.escalationLevel > 0)).toHaveLength(2);
  });

  it('has the two months before this one closed, the older approved', async () => {
    const closes = await prisma.monthClose.findMany({
      select: { month: true, status: true },
      orderBy: { month: 'asc' },
    });
    expect(closes).toEqual([
      { month: addMonths(month, -2), status: 'APPROVED' },
      { month: addMonths(month, -1), status: 'OPEN' },
    ]);
  });

  it('holds a year of enquiries, every month, with every funnel stage reached and nothing after now', async () => {
    const today = dayIn(now, tz);
    const rows = await prisma.enquiry.findMany({ select: { day: true, status: true, channel: true } });
    expect(rows.length).toBeGreaterThan(200);
    const months = new Set(rows.map((r) => r.day.toISOString().slice(0, 7)));
    for (let k = -11; k <= -1; k++) expect(months.has(addMonths(month, k))).toBe(true);
    expect(rows.every((r) => r.day.toISOString().slice(0, 10) <= today)).toBe(true);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['OPEN', 'ENROLLED', 'NOT_ENROLLED']));
    for (const kind of ['ENROLLED', 'COURSE_STARTED', 'COURSE_COMPLETED', 'RENEWED', 'REFERRAL'])
      expect(await prisma.customerEvent.count({ where: { kind } }), kind).toBeGreaterThan(0);
    expect(await prisma.customerEvent.count({ where: { day: { gt: dayToDate(today) } } })).toBe(0);
    expect(await prisma.customerEvent.count({ where: { createdAt: { gt: now } } })).toBe(0);
    expect(await prisma.enquiryFollowUp.count({ where: { at: { gt: now } } })).toBe(0);
    expect(await prisma.churnCase.count({ where: { stage: 'NOT_ENROLLED', enquiryId: { not: null } } })).toBe(
      rows.filter((r) => r.status === 'NOT_ENROLLED').length,
    );
  });
});
