import { beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';
import { ENROLMENT_ANSWERS, makeTask, type OrgContext, orgContext } from '../tasks/test-fixtures.ts';

describe('visits: amendments (a record is never edited in place)', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  let ctx: OrgContext;
  beforeAll(async () => {
    ctx = await orgContext(t.prisma);
  });
  const caller1 = () => users['caller1@demo.local']!.id;
  const newTask = () =>
    makeTask(t.prisma, ctx, { assigneeId: caller1(), customerId: ctx.customer().id, from: -2, due: 3 });
  const post = (taskId: string, payload: object) =>
    t.as('caller1@demo.local', { method: 'POST', url: `/api/tasks/${taskId}/visits`, payload });
  const completed = { channel: 'PHONE', outcome: 'COMPLETED', satisfaction: 5, answers: ENROLMENT_ANSWERS };

  describe('POST /api/visits/:id/amendments', () => {
    const amend = (id: string, payload: object, email = 'caller1@demo.local') =>
      t.as(email, { method: 'POST', url: `/api/visits/${id}/amendments`, payload });

    it('corrects the current values, keeps the original and the history, audits', async () => {
      const task = await newTask();
      const id = (await post(task.id, { ...completed, satisfaction: 4, opinions: '一般' })).json().visit.id;
      const res = await amend(id, {
        reason: '录入错误，客户实际评分为 2',
        changes: { satisfaction: 2, opinions: '对课程安排不满意', durationSec: 400 },
        version: 1,
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({
        satisfaction: 2,
        opinions: '对课程安排不满意',
        durationSec: 400,
        amendmentCount: 1,
        version: 2,
        original: { satisfaction: 4, opinions: '一般' },
      });
      expect(body.amendments).toEqual([
        {
          id: expect.any(String),
          author: { id: caller1(), name: '张敏' },
          reason: '录入错误，客户实际评分为 2',
          changes: {
            satisfaction: { before: 4, after: 2 },
            opinions: { before: '一般', after: '对课程安排不满意' },
            durationSec: { before: null, after: 400 },
          },
          createdAt: expect.any(String),
        },
      ]);
      const log = await t.prisma.auditLog.findFirstOrThrow({
        where: { action: 'VISIT_AMENDED', entityId: id },
      });
      expect(log.before).toMatchObject({ satisfaction: 4 });
      expect(log.after).toMatchObject({ satisfaction: 2 });

      // a stale version is refused; a lead may amend any record, answers are re-validated
      const stale = await amend(id, { reason: '再次更正', changes: { satisfaction: 3 }, version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: 2 } });
      const answers = ENROLMENT_ANSWERS.map((a) => (a.questionId === 'nps' ? { ...a, value: 3 } : a));
      const byLead = await amend(
        id,
        { reason: '核实后更正推荐度', changes: { answers }, version: 2 },
        'lead@demo.local',
      );
      expect(byLead.statusCode).toBe(201);
      expect(byLead.json().amendments).toHaveLength(2);
      expect(byLead.json().amendments[1].author.name).toBe('王丽华');
      expect(byLead.json().answers.find((a: { questionId: string }) => a.questionId === 'nps').value).toBe(3);
      expect(
        byLead.json().original.answers.find((a: { questionId: string }) => a.questionId === 'nps').value,
      ).toBe(9);
      const badAnswers = await amend(id, {
        reason: '错误',
        changes: { answers: [{ questionId: 'nps', value: 11 }] },
      });
      expect(badAnswers.statusCode).toBe(422);
      // the task page lists the record with its history
      const page = await t.as('caller1@demo.local', { method: 'GET', url: `/api/tasks/${task.id}` });
      expect(page.json().records[0].amendments).toHaveLength(2);
    });

    it('refuses outcome/channel/task changes, empty changes, satisfaction on a non-completed record (422)', async () => {
      const task = await newTask();
      const id = (await post(task.id, { channel: 'PHONE', outcome: 'NO_ANSWER' })).json().visit.id;
      for (const changes of [
        { outcome: 'COMPLETED' },
        { channel: 'SMS' },
        { taskId: task.id },
        { satisfaction: 5 },
        {},
      ]) {
        const res = await amend(id, { reason: '想改一下', changes });
        expect(res.statusCode, JSON.stringify(changes)).toBe(422);
        expect(res.json().error.code).toBe('RULE_VIOLATION');
      }
      const same = await amend(id, { reason: '没有变化', changes: { opinions: null } });
      expect(same.statusCode).toBe(422);
      expect((await amend(id, { reason: 'x', changes: { opinions: 'a' } })).statusCode).toBe(400);
      expect((await amend(id, { changes: { opinions: 'a' } })).statusCode).toBe(400);
      const record = await t.prisma.visitRecord.findUniqueOrThrow({ where: { id } });
      expect(record).toMatchObject({ outcome: 'NO_ANSWER', amendmentCount: 0, version: 1 });
    });

    it('lets only the record’s caller or a lead amend it', async () => {
      const task = await newTask();
      const id = (await post(task.id, { ...completed })).json().visit.id;
      const payload = { reason: '更正意见', changes: { opinions: '补充意见' } };
      expect((await amend(id, payload, 'caller2@demo.local')).statusCode).toBe(403);
      expect((await amend(id, payload, 'supervisor@demo.local')).statusCode).toBe(403);
      expect((await amend(id, payload, 'manager@demo.local')).statusCode).toBe(403);
      expect((await amend('0190aaaa-0000-7000-8000-000000000000', payload)).statusCode).toBe(404);
      expect(
        (await t.app.inject({ method: 'POST', url: `/api/visits/${id}/amendments`, payload })).statusCode,
      ).toBe(401);
      expect((await amend(id, payload)).statusCode).toBe(201);
    });
  });
});
