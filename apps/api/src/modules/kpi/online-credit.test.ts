// What counts toward a caller's completion and satisfaction
// (docs/rules.md#r-kpi-13-what-counts-toward-completion-and-satisfaction): a task a cadence rule made
// counts like a planned one; an online answer (ONLINE_SURVEY) counts toward the satisfaction of the
// caller who sent the link; a task finished by an answer to a link its assignee did not send (it was
// reassigned after) counts for neither caller's completion.
import { randomUUID } from 'node:crypto';
import { zonedTime } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { fixtureBase, setupTestApp } from '../../../test/helper.ts';
import { loadCallerCounts } from '../../presenters/kpi-counts.ts';

const TZ = 'Asia/Shanghai';
const DAY = new Date('2026-10-12T00:00:00Z');
const at = (time: string) => zonedTime('2026-10-12', time, TZ);

describe('completion and satisfaction of online answers and rule tasks', async () => {
  const t = await setupTestApp();
  const base = await fixtureBase(t.prisma, 10);
  const org = base.orgId;
  const [c1, c2] = [base.users.caller1!, base.users.caller2!];
  const rule = await t.prisma.cadenceRule.findFirstOrThrow({ where: { organizationId: org } });
  let n = 0;

  const task = async (assigneeId: string, status: 'PENDING' | 'DONE') => {
    const customerId = base.customers[n++]!.id;
    return t.prisma.task.create({
      data: {
        organizationId: org,
        customerId,
        assigneeId,
        purpose: 'credit',
        channel: 'PHONE',
        windowFrom: DAY,
        windowTo: DAY,
        dueDate: DAY,
        status,
        doneAt: status === 'DONE' ? at('11:00') : null,
      },
    });
  };
  const record = (
    tk: { id: string; customerId: string },
    callerId: string,
    channel: 'PHONE' | 'ONLINE_SURVEY',
    satisfaction: number,
  ) =>
    t.prisma.visitRecord.create({
      data: {
        organizationId: org,
        taskId: tk.id,
        callerId,
        customerId: tk.customerId,
        startedAt: at('11:00'),
        channel,
        outcome: 'COMPLETED',
        satisfaction,
        original: {},
      },
    });
  /** answered online: the link sent by `sender`, the record credited to them (R-SRV-1) */
  const answeredOnline = async (
    tk: { id: string; customerId: string },
    sender: string,
    satisfaction: number,
  ) => {
    const r = await record(tk, sender, 'ONLINE_SURVEY', satisfaction);
    await t.prisma.surveyLink.create({
      data: {
        organizationId: org,
        taskId: tk.id,
        customerId: tk.customerId,
        channel: 'SMS',
        sentTo: '138****0000',
        tokenHash: randomUUID(),
        baseUrl: 'http://localhost',
        language: 'zh-CN',
        sentById: sender,
        sentAt: at('09:00'),
        expiresAt: at('23:00'),
        answeredAt: at('11:00'),
        visitRecordId: r.id,
      },
    });
  };
  const counts = async () => {
    const rows = await loadCallerCounts(t.prisma, org, '2026-10', TZ);
    const of = (id: string) => rows.find((r) => r.userId === id)!;
    return { c1: of(c1), c2: of(c2) };
  };

  it('credits the sender’s satisfaction, and the assignee’s completion only when they sent the link', async () => {
    // caller1 sent the link, then the task went to caller2; the customer answered
    const reassigned = await task(c2, 'DONE');
    await answeredOnline(reassigned, c1, 5);
    // caller2 sent their own link
    const own = await task(c2, 'DONE');
    await answeredOnline(own, c2, 4);
    // a task a rule made (no plan), done by phone
    const fromRule = await task(c2, 'DONE');
    await t.prisma.cadenceVisit.create({
      data: {
        organizationId: org,
        ruleId: rule.id,
        ruleVersion: 1,
        eventId: randomUUID(),
        customerId: fromRule.customerId,
        key: `credit:${randomUUID()}`,
        dueDay: DAY,
        windowEnd: DAY,
        status: 'TASK',
        taskId: fromRule.id,
        createdAt: at('08:00'),
        updatedAt: at('08:00'),
      },
    });
    await record(fromRule, c2, 'PHONE', 3);
    // still open
    await task(c2, 'PENDING');

    const { c1: one, c2: two } = await counts();
    // caller2: the own-link task, the rule's task and the open one; not the reassigned one
    expect(two.counts).toMatchObject({
      assigned: 3,
      done: 2,
      onTime: 2,
      satisfactionSum: 7,
      satisfactionCount: 2,
      records: 2,
    });
    expect(two.assignedInMonth).toBe(3);
    // caller1: the answer to their link counts toward their satisfaction and records, not their completion
    expect(one.counts).toMatchObject({
      assigned: 0,
      done: 0,
      satisfactionSum: 5,
      satisfactionCount: 1,
      records: 1,
    });
  });
});
