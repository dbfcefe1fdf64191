import { beforeAll, describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';
import type { Prisma } from '../../db/prisma.ts';
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
      expect((await amend(id, payload, 'admin@demo.local')).statusCode).toBe(403);
      expect((await amend('0190aaaa-0000-7000-8000-000000000000', payload)).statusCode).toBe(404);
      expect(
        (await t.app.inject({ method: 'POST', url: `/api/visits/${id}/amendments`, payload })).statusCode,
      ).toBe(401);
      expect((await amend(id, payload)).statusCode).toBe(201);
    });

    it('lets a LEAD amend records of callers in their own team only', async () => {
      const task = await newTask();
      const id = (await post(task.id, { ...completed })).json().visit.id;
      const other = await amend(
        id,
        { reason: '更正意见', changes: { opinions: '二组组长改的' } },
        'lead2@demo.local',
      );
      expect(other.statusCode).toBe(403);
      expect(other.json().error.code).toBe('FORBIDDEN');
      expect(await t.prisma.visitAmendment.count({ where: { visitId: id } })).toBe(0);
      const own = await amend(
        id,
        { reason: '更正意见', changes: { opinions: '一组组长改的' } },
        'lead@demo.local',
      );
      expect(own.statusCode).toBe(201);

      // and the other way round: lead2 amends a record of team 2, lead cannot
      const caller4 = users['caller4@demo.local']!.id;
      const task4 = await makeTask(t.prisma, ctx, {
        assigneeId: caller4,
        customerId: ctx.customer().id,
        from: -1,
      });
      const res4 = await t.as('caller4@demo.local', {
        method: 'POST',
        url: `/api/tasks/${task4.id}/visits`,
        payload: { channel: 'PHONE', outcome: 'NO_ANSWER' },
      });
      const id4 = res4.json().visit.id;
      const change = { reason: '补充说明', changes: { opinions: '空号待核实' } };
      expect((await amend(id4, change, 'lead@demo.local')).statusCode).toBe(403);
      expect((await amend(id4, change, 'lead2@demo.local')).statusCode).toBe(201);
    });

    describe('answers are checked against the questions the record was answered with', () => {
      const template = () => t.prisma.questionnaire.findUniqueOrThrow({ where: { id: ctx.enrolment.id } });

      it('a required question added later does not block an amendment; answering it is refused', async () => {
        const task = await newTask();
        const id = (await post(task.id, { ...completed })).json().visit.id;
        const before = await template();
        const questions = before.questions as Prisma.InputJsonObject[];
        // The template changes: a required question is added, 'source' is removed, 'overall' renamed
        await t.prisma.questionnaire.update({
          where: { id: before.id },
          data: {
            questions: [
              ...questions
                .filter((q) => q.id !== 'source')
                .map((q) => (q.id === 'overall' ? { ...q, label: '整体满意度（新）' } : q)),
              { id: 'added_later', kind: 'YES_NO', label: '后来新增的必答题', required: true },
            ],
            version: { increment: 1 },
          },
        });
        try {
          const answers = ENROLMENT_ANSWERS.map((a) => (a.questionId === 'nps' ? { ...a, value: 6 } : a));
          const res = await amend(id, { reason: '核实后更正推荐度', changes: { answers } });
          expect(res.statusCode).toBe(201);
          const stored = res.json().answers as Array<{ questionId: string; label: string; value: unknown }>;
          expect(stored.map((a) => a.questionId)).toEqual(ENROLMENT_ANSWERS.map((a) => a.questionId));
          expect(stored.find((a) => a.questionId === 'nps')!.value).toBe(6);
          // labels stay as they were asked
          expect(stored.find((a) => a.questionId === 'overall')!.label).toBe('您对本次报名咨询的整体满意度');

          const added = await amend(id, {
            reason: '补答新问题',
            changes: { answers: [...answers, { questionId: 'added_later', value: true }] },
          });
          expect(added.statusCode).toBe(422);
          expect(added.json().error.details).toEqual([
            expect.objectContaining({ questionId: 'added_later', code: 'UNKNOWN_QUESTION' }),
          ]);
          // a question that was answered stays checked by its kind
          const wrongKind = await amend(id, {
            reason: '更正',
            changes: {
              answers: answers.map((a) => (a.questionId === 'clarity' ? { ...a, value: 'yes' } : a)),
            },
          });
          expect(wrongKind.statusCode).toBe(422);
          expect(wrongKind.json().error.details).toEqual([
            expect.objectContaining({ questionId: 'clarity', code: 'INVALID_VALUE' }),
          ]);
        } finally {
          await t.prisma.questionnaire.update({
            where: { id: before.id },
            data: { questions: before.questions as Prisma.InputJsonArray, version: before.version },
          });
        }
      });

      it('a record without stored answers is checked against the current template', async () => {
        const task = await newTask();
        const record = await t.prisma.visitRecord.create({
          data: {
            organizationId: ctx.organizationId,
            taskId: task.id,
            callerId: caller1(),
            customerId: task.customerId,
            channel: 'PHONE',
            outcome: 'COMPLETED',
            startedAt: testNow(),
            satisfaction: 4,
            questionnaireId: ctx.enrolment.id,
            questionnaireVersion: ctx.enrolment.version,
            answers: [],
            original: { outcome: 'COMPLETED', satisfaction: 4, answers: [] },
          },
        });
        const partial = await amend(record.id, {
          reason: '补录问卷',
          changes: { answers: [{ questionId: 'overall', value: 5 }] },
        });
        expect(partial.statusCode).toBe(422);
        expect(partial.json().error.details.map((d: { questionId: string }) => d.questionId)).toContain(
          'nps',
        );
        const full = await amend(record.id, { reason: '补录问卷', changes: { answers: ENROLMENT_ANSWERS } });
        expect(full.statusCode).toBe(201);
        expect(full.json().answers).toHaveLength(ENROLMENT_ANSWERS.length);
      });
    });
  });
});
