// The survey link's whole life (docs/rules.md#r-srv-1-survey-links): sent (the message captured),
// opened on the public page with nothing of the customer, answered into the task's visit record,
// used → 410, expired → 410 and handed back, reminded once, a bad token → 404; who may send; bad
// answers change nothing.
import { zonedTime } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { testClock } from '../../../test/clock.ts';
import { fixtureBase, setupTestApp } from '../../../test/helper.ts';
import { signingSecret } from '../../lib/secret.ts';
import { runSurveyLinks } from './service.ts';

const TZ = 'Asia/Shanghai';

describe('survey links', async () => {
  const t = await setupTestApp();
  const base = await fixtureBase(t.prisma, 30);
  const free = await t.prisma.customer.findMany({
    where: { id: { in: base.customers.map((c) => c.id) }, refusesVisits: false },
    orderBy: { id: 'asc' },
  });
  const questionnaire = await t.prisma.questionnaire.findFirstOrThrow({
    where: { organizationId: base.orgId, active: true },
    orderBy: { createdAt: 'asc' },
  });
  let next = 0;
  /** a fresh open task of caller1 for a customer of its own */
  const newTask = async (customer: { email?: string | null; language?: string | null } = {}) => {
    const c = free[next++]!;
    await t.prisma.customer.update({
      where: { id: c.id },
      data: { email: customer.email ?? null, language: customer.language ?? null },
    });
    const day = new Date('2026-03-18T00:00:00Z');
    const task = await t.prisma.task.create({
      data: {
        organizationId: base.orgId,
        customerId: c.id,
        assigneeId: base.users.caller1!,
        purpose: '课程满意度回访',
        questionnaireId: questionnaire.id,
        channel: 'PHONE',
        windowFrom: day,
        windowTo: new Date('2026-03-31T00:00:00Z'),
        dueDate: day,
        createdAt: zonedTime('2026-03-17', '09:00', TZ),
      },
    });
    return { task, customer: c };
  };
  const send = (taskId: string, channel: 'SMS' | 'EMAIL', who = 'caller1') =>
    t.as(`${who}@demo.local`, {
      method: 'POST',
      url: `/api/tasks/${taskId}/survey-links`,
      payload: { channel },
    });
  const tokenOf = (url: string) => url.split('/s/')[1]!;
  const open = (token: string) => t.app.inject({ method: 'GET', url: `/api/public/surveys/${token}` });
  const answer = (token: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/public/surveys/${token}`, payload });
  const questions =
    (questionnaire.questions as Array<{ id: string; kind: string; required: boolean; options?: string[] }>) ??
    [];
  const fullAnswers = questions.map((q) => ({
    questionId: q.id,
    value:
      q.kind === 'RATING_5' || q.kind === 'SATISFACTION'
        ? 5
        : q.kind === 'NPS'
          ? 9
          : q.kind === 'YES_NO'
            ? true
            : q.kind === 'SINGLE_CHOICE'
              ? q.options![0]
              : '很好',
  }));
  const at = (day: string, time: string) => testClock.set(zonedTime(day, time, TZ));

  it('is sent by the assignee only, as a message in the customer’s language, with the address masked', async () => {
    at('2026-03-18', '10:00');
    const { task, customer } = await newTask();
    expect((await send(task.id, 'SMS', 'caller2')).statusCode).toBe(403);
    expect((await send(task.id, 'SMS', 'lead')).statusCode).toBe(403);
    expect((await send(task.id, 'EMAIL')).json().error.details.reason).toBe('NO_EMAIL');
    const res = await send(task.id, 'SMS');
    expect(res.statusCode, res.body).toBe(201);
    const { link, url } = res.json();
    expect(url).toMatch(/^http:\/\/[^/]+\/s\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(link).toMatchObject({ channel: 'SMS', state: 'SENT', delivery: 'CAPTURED', reminders: 0 });
    expect(link.sentTo).not.toContain(customer.phone);
    expect(link.sentTo.replace(/\D/g, '').length).toBeLessThan(customer.phone.length);
    const msg = await t.prisma.outboundMessage.findFirstOrThrow({ where: { entityId: link.id } });
    expect(msg).toMatchObject({ channel: 'SMS', to: customer.phone, provider: 'log', status: 'CAPTURED' });
    expect(msg.body).toContain(url);
    expect(msg.body).toContain('回访问卷');
    // only its hash is kept
    expect(
      JSON.stringify(await t.prisma.surveyLink.findUniqueOrThrow({ where: { id: link.id } })),
    ).not.toContain(tokenOf(url));
    // the administrator reads it on 发送记录; nobody else
    const messages = await t.as('admin@demo.local', { method: 'GET', url: '/api/messages' });
    const listed = messages.json().items.find((m: { id: string }) => m.id === msg.id);
    // recorded only (nothing left the machine): the body with its link, the number masked
    expect(listed.body).toContain(url);
    expect(listed.to).not.toContain(customer.phone);
    expect(listed.to.replace(/\D/g, '').length).toBeLessThan(customer.phone.length);
    expect((await t.as('caller1@demo.local', { method: 'GET', url: '/api/messages' })).statusCode).toBe(403);

    const english = await newTask({ email: 'someone@example.com', language: 'en' });
    const mail = await send(english.task.id, 'EMAIL');
    expect(mail.statusCode, mail.body).toBe(201);
    expect(mail.json().link.sentTo).toBe('s***@example.com');
    const m = await t.prisma.outboundMessage.findFirstOrThrow({ where: { entityId: mail.json().link.id } });
    expect(m).toMatchObject({ channel: 'EMAIL', to: 'someone@example.com', provider: 'capture' });
    expect(m.subject).toContain('follow-up survey');
    expect((await open(tokenOf(mail.json().url))).json().language).toBe('en');
  });

  it('is not sent in the quiet hours, nor to a customer who refuses visits', async () => {
    const { task, customer } = await newTask();
    at('2026-03-18', '21:30');
    const quiet = await send(task.id, 'SMS');
    expect(quiet.statusCode).toBe(422);
    expect(quiet.json().error.details.reason).toBe('QUIET_HOURS');
    at('2026-03-18', '10:00');
    await t.prisma.customer.update({ where: { id: customer.id }, data: { refusesVisits: true } });
    expect((await send(task.id, 'SMS')).json().error.details.reason).toBe('REFUSED_VISITS');
    expect(await t.prisma.surveyLink.count({ where: { taskId: task.id } })).toBe(0);
  });

  it('opens with nothing of the customer, takes valid answers once, and the task is done', async () => {
    at('2026-03-18', '10:00');
    const { task, customer } = await newTask();
    const { link, url } = (await send(task.id, 'SMS')).json();
    const token = tokenOf(url);
    const page = await open(token);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ purpose: '课程满意度回访', language: 'zh-CN' });
    expect(page.json().questions.length).toBe(questions.length);
    expect(page.body).not.toContain(customer.name);
    expect(page.body).not.toContain(customer.phone);
    const listed = await t.as('caller1@demo.local', {
      method: 'GET',
      url: `/api/tasks/${task.id}/survey-links`,
    });
    expect(listed.json().items[0]).toMatchObject({ id: link.id, state: 'OPENED' });

    // bad answers: refused, nothing written
    expect((await answer(token, { satisfaction: 7, answers: fullAnswers })).statusCode).toBe(400);
    const unknown = await answer(token, { satisfaction: 4, answers: [{ questionId: 'nope', value: 1 }] });
    expect(unknown.statusCode).toBe(422);
    if (questions.some((q) => q.required))
      expect((await answer(token, { satisfaction: 4, answers: [] })).statusCode).toBe(422);
    expect(await t.prisma.visitRecord.count({ where: { taskId: task.id } })).toBe(0);
    expect((await t.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('PENDING');

    const ok = await answer(token, { satisfaction: 4, answers: fullAnswers, opinions: '老师很耐心' });
    expect(ok.statusCode, ok.body).toBe(200);
    const record = await t.prisma.visitRecord.findFirstOrThrow({ where: { taskId: task.id } });
    expect(record).toMatchObject({
      channel: 'ONLINE_SURVEY',
      outcome: 'COMPLETED',
      satisfaction: 4,
      callerId: base.users.caller1,
      opinions: '老师很耐心',
    });
    expect((await t.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('DONE');
    expect(
      await t.prisma.notification.count({ where: { userId: base.users.caller1!, type: 'SURVEY_ANSWERED' } }),
    ).toBeGreaterThan(0);
    const after = await t.as('caller1@demo.local', {
      method: 'GET',
      url: `/api/tasks/${task.id}/survey-links`,
    });
    expect(after.json().items[0]).toMatchObject({ state: 'ANSWERED', visitRecordId: record.id });

    // used: 410 both ways, nothing more written
    expect((await open(token)).statusCode).toBe(410);
    expect((await answer(token, { satisfaction: 5, answers: fullAnswers })).statusCode).toBe(410);
    expect(await t.prisma.visitRecord.count({ where: { taskId: task.id } })).toBe(1);
  });

  it('answers 404 to anything it did not sign, and a new link withdraws the last', async () => {
    at('2026-03-18', '10:00');
    const { task } = await newTask();
    const first = tokenOf((await send(task.id, 'SMS')).json().url);
    const second = tokenOf((await send(task.id, 'SMS')).json().url);
    expect((await open(first)).statusCode).toBe(410);
    expect((await open(second)).statusCode).toBe(200);
    const tampered = `${second.slice(0, -2)}${second.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const bad of ['x', 'a'.repeat(66), tampered, `${second.split('.')[0]}.${'A'.repeat(43)}`]) {
      const res = await open(bad);
      expect(res.statusCode, bad).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('is reminded once after a day, outside the quiet hours, and handed back to the caller at its deadline', async () => {
    at('2026-03-18', '10:00');
    const { task } = await newTask();
    const { link, url } = (await send(task.id, 'SMS')).json();
    const secret = signingSecret(t.app.config);
    const run = (day: string, time: string) =>
      runSurveyLinks(t.prisma, t.app.messenger, secret, zonedTime(day, time, TZ));
    // other tests' links run too: this one is judged by its own messages
    const messagesOf = () =>
      t.prisma.outboundMessage.findMany({ where: { entityId: link.id }, orderBy: { createdAt: 'asc' } });
    await run('2026-03-19', '09:59');
    expect((await messagesOf()).length).toBe(1);
    // a day later, but in the quiet hours: held back
    await run('2026-03-19', '22:00');
    expect((await messagesOf()).length).toBe(1);
    expect((await run('2026-03-20', '09:00')).reminded).toBeGreaterThanOrEqual(1);
    await run('2026-03-20', '12:00');
    const sent = await messagesOf();
    expect(sent.length).toBe(2);
    expect(sent[1]!.body).toContain('温馨提醒');
    // the reminder carries the same link
    expect(sent[1]!.body).toContain(url);
    expect((await t.prisma.surveyLink.findUniqueOrThrow({ where: { id: link.id } })).reminders).toBe(1);

    // 72 hours after sending: expired, the caller takes over, once
    at('2026-03-21', '10:01');
    expect((await open(tokenOf(url))).statusCode).toBe(410);
    expect((await run('2026-03-21', '10:01')).handedBack).toBeGreaterThanOrEqual(1);
    expect(await run('2026-03-21', '10:15')).toEqual({ reminded: 0, handedBack: 0 });
    expect(
      await t.prisma.notification.count({
        where: { userId: base.users.caller1!, type: 'SURVEY_EXPIRED', entityId: task.id },
      }),
    ).toBe(1);
    expect((await t.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('PENDING');
    at('2026-03-18', '10:00');
  });

  it('limits how often the public page is asked', async () => {
    let last = 0;
    for (let i = 0; i < 40; i++) last = (await open(`nothing-${i}`)).statusCode;
    expect(last).toBe(429);
  });
});
