// The customer's own survey link (线上评价, docs/rules.md#r-srv-1-survey-links). The task's assignee
// sends it by SMS or e-mail; the customer answers on a public page with no login; the answers become
// the task's visit record with channel ONLINE_SURVEY, credited to the caller who sent it. A link is
// signed, used once, and expires; one unanswered link per task (a new one withdraws the last). The
// `survey-links` job reminds once and, at the deadline, hands the task back to the caller.
import { randomUUID } from 'node:crypto';
import {
  can,
  type TPublicSurvey,
  type TPublicSurveyAnswers,
  type TSurveyLink,
  type TSurveyLinkCreated,
} from '@huifang/contracts';
import {
  dayIn,
  inQuietHours,
  isTaskOpen,
  maskEmail,
  maskPhone,
  nextTaskState,
  SURVEY_LINK_RULES,
  surveyLinkExpiry,
  surveyLinkOpen,
  surveyLinkState,
  surveyReminderDue,
  timeIn,
} from '@huifang/domain';
import type { SurveyLink } from '../../db/generated/client.ts';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import { type Actor, systemActor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { AppError, forbidden, notFound, ruleViolation } from '../../lib/errors.ts';
import type { Messenger } from '../../lib/messages.ts';
import { notify } from '../../lib/notify.ts';
import { peopleOf } from '../../lib/people.ts';
import { contactPolicyOf } from '../contact-policy/service.ts';
import { checkRecord } from '../visits/create.ts';
import { questionsOf } from '../visits/mappers.ts';
import { surveyLinkIdOf, surveyToken, tokenHashOf } from './token.ts';

/** Bad, used or expired tokens all read the same: nothing about the link is revealed. */
const notALink = () => notFound('Survey');
const gone = () => new AppError('GONE', 'This survey link can no longer be used');

type Language = 'zh-CN' | 'en';
const languageOf = (l: string | null | undefined): Language => (l === 'en' ? 'en' : 'zh-CN');

async function present(db: PrismaClient | Tx, rows: SurveyLink[], now: Date): Promise<TSurveyLink[]> {
  const person = await peopleOf(
    db,
    rows.map((r) => r.sentById),
  );
  const messages = rows.length
    ? await db.outboundMessage.findMany({
        where: { entity: 'SurveyLink', entityId: { in: rows.map((r) => r.id) } },
        orderBy: { createdAt: 'asc' },
        select: { entityId: true, status: true },
      })
    : [];
  // the first message of a link is the link itself; reminders follow
  const delivery = new Map<string, string>();
  for (const m of messages) if (m.entityId && !delivery.has(m.entityId)) delivery.set(m.entityId, m.status);
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel as TSurveyLink['channel'],
    sentTo: r.sentTo,
    state: surveyLinkState(r, now),
    delivery: (delivery.get(r.id) as TSurveyLink['delivery']) ?? null,
    sentBy: person(r.sentById),
    sentAt: r.sentAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    openedAt: r.openedAt?.toISOString() ?? null,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    reminders: r.reminders,
    visitRecordId: r.visitRecordId,
  }));
}

function messageText(
  lang: Language,
  org: string,
  purpose: string,
  url: string,
  until: string,
  reminder: boolean,
): { subject: string; body: string } {
  if (lang === 'en')
    return {
      subject: `${org} — ${reminder ? 'reminder: ' : ''}follow-up survey`,
      body: `${org}: ${reminder ? 'a reminder — ' : ''}${purpose}. Please take a minute to answer our follow-up survey: ${url} (open until ${until})`,
    };
  return {
    subject: `【${org}】${reminder ? '提醒：' : ''}回访问卷`,
    body: `【${org}】您好！${reminder ? '温馨提醒：' : ''}${purpose}。请花一分钟填写回访问卷：${url} （${until} 前有效）`,
  };
}

const untilText = (at: Date, tz: string) => `${dayIn(at, tz)} ${timeIn(at, tz)}`;

export async function listSurveyLinks(
  prisma: PrismaClient,
  actor: Actor,
  taskId: string,
): Promise<{ items: TSurveyLink[] }> {
  const task = await prisma.task.findFirst({
    where: { id: taskId, organizationId: actor.organizationId },
    select: { assigneeId: true },
  });
  if (!task) throw notFound('Task');
  if (task.assigneeId !== actor.user.id && !can(actor.user.role, 'task:read:any'))
    throw forbidden('You can only see the links of your own tasks');
  const rows = await prisma.surveyLink.findMany({
    where: { taskId, organizationId: actor.organizationId },
    orderBy: [{ sentAt: 'desc' }, { id: 'desc' }],
  });
  return { items: await present(prisma, rows, actor.now) };
}

/** Sends the task's survey link; the URL comes back this once. */
export async function sendSurveyLink(
  prisma: PrismaClient,
  messenger: Messenger,
  actor: Actor,
  taskId: string,
  channel: 'SMS' | 'EMAIL',
  opts: { secret: string; baseUrl: string },
): Promise<TSurveyLinkCreated> {
  const now = actor.now;
  const org = await prisma.organization.findUniqueOrThrow({
    where: { id: actor.organizationId },
    select: { name: true, timezone: true },
  });
  const made = await prisma.$transaction(async (tx) => {
    const [task] = await tx.$queryRaw<
      Array<{
        id: string;
        assigneeId: string;
        status: string;
        customerId: string;
        purpose: string;
        questionnaireId: string | null;
      }>
    >`SELECT id::text AS id, "assigneeId"::text AS "assigneeId", status::text AS status,
             "customerId"::text AS "customerId", purpose, "questionnaireId"::text AS "questionnaireId"
        FROM "Task" WHERE id = ${taskId}::uuid AND "organizationId" = ${actor.organizationId}::uuid FOR UPDATE`;
    if (!task) throw notFound('Task');
    if (task.assigneeId !== actor.user.id)
      throw forbidden('Only the task’s assignee can send its survey link');
    if (!isTaskOpen(task.status as 'PENDING'))
      throw ruleViolation('The task is closed', { reason: 'TASK_CLOSED' });
    const customer = await tx.customer.findUniqueOrThrow({
      where: { id: task.customerId },
      select: { phone: true, email: true, refusesVisits: true, visitsPausedAt: true, language: true },
    });
    if (customer.refusesVisits)
      throw ruleViolation('The customer refuses visits', { reason: 'REFUSED_VISITS' });
    if (customer.visitsPausedAt)
      throw ruleViolation('Visits to this customer are paused', { reason: 'VISITS_PAUSED' });
    if (channel === 'EMAIL' && !customer.email)
      throw ruleViolation('The customer has no e-mail address', { reason: 'NO_EMAIL', field: 'channel' });
    const policy = await contactPolicyOf(tx, actor.organizationId);
    if (inQuietHours(policy, timeIn(now, org.timezone)))
      throw ruleViolation('These are the quiet hours: no customer is contacted now', {
        reason: 'QUIET_HOURS',
        quietFrom: policy.quietFrom,
        quietTo: policy.quietTo,
      });
    // one open link per task: a new one withdraws the last
    const withdrawn = await tx.surveyLink.updateMany({
      where: { taskId, answeredAt: null, cancelledAt: null, expiresAt: { gt: now } },
      data: { cancelledAt: now },
    });
    const id = randomUUID();
    const token = surveyToken(opts.secret, id);
    const to = channel === 'EMAIL' ? customer.email! : customer.phone;
    const link = await tx.surveyLink.create({
      data: {
        id,
        organizationId: actor.organizationId,
        taskId,
        customerId: task.customerId,
        questionnaireId: task.questionnaireId,
        channel,
        sentTo: channel === 'EMAIL' ? maskEmail(to) : maskPhone(to),
        tokenHash: tokenHashOf(token),
        baseUrl: opts.baseUrl,
        language: languageOf(customer.language),
        sentById: actor.user.id,
        sentAt: now,
        expiresAt: surveyLinkExpiry(now),
      },
    });
    await audit(tx, actor, {
      action: 'SURVEY_LINK_SENT',
      entity: 'SurveyLink',
      entityId: id,
      after: { taskId, channel, withdrawn: withdrawn.count },
    });
    return { link, token, to, purpose: task.purpose };
  });
  const url = `${opts.baseUrl}/s/${made.token}`;
  const text = messageText(
    languageOf(made.link.language),
    org.name,
    made.purpose,
    url,
    untilText(made.link.expiresAt, org.timezone),
    false,
  );
  await messenger.send(
    prisma,
    {
      organizationId: actor.organizationId,
      channel,
      to: made.to,
      ...(channel === 'EMAIL' ? { subject: text.subject } : {}),
      body: text.body,
      entity: 'SurveyLink',
      entityId: made.link.id,
      secret: made.token,
    },
    now,
  );
  const [link] = await present(prisma, [made.link], now);
  return { link: link!, url };
}

/** The link a token names, when it is the app's and still stored; null otherwise. */
async function linkOf(db: PrismaClient | Tx, secret: string, token: string): Promise<SurveyLink | null> {
  const id = surveyLinkIdOf(secret, token);
  if (!id) return null;
  const link = await db.surveyLink.findUnique({ where: { id } });
  return link && link.tokenHash === tokenHashOf(token) ? link : null;
}

export async function openPublicSurvey(
  prisma: PrismaClient,
  secret: string,
  token: string,
  now: Date,
): Promise<TPublicSurvey> {
  const link = await linkOf(prisma, secret, token);
  if (!link) throw notALink();
  if (!surveyLinkOpen(link, now)) throw gone();
  const task = await prisma.task.findUniqueOrThrow({
    where: { id: link.taskId },
    select: { status: true, purpose: true, questionnaireId: true },
  });
  if (!isTaskOpen(task.status)) throw gone();
  await prisma.surveyLink.updateMany({ where: { id: link.id, openedAt: null }, data: { openedAt: now } });
  const [org, questionnaire] = await Promise.all([
    prisma.organization.findUniqueOrThrow({ where: { id: link.organizationId }, select: { name: true } }),
    task.questionnaireId
      ? prisma.questionnaire.findFirst({ where: { id: task.questionnaireId }, select: { questions: true } })
      : null,
  ]);
  return {
    organization: org.name,
    purpose: task.purpose,
    language: languageOf(link.language),
    expiresAt: link.expiresAt.toISOString(),
    questions: questionsOf(questionnaire?.questions),
  };
}

/** The customer's answers: the task's visit record, once. */
export async function answerPublicSurvey(
  prisma: PrismaClient,
  secret: string,
  token: string,
  body: TPublicSurveyAnswers,
  now: Date,
  ip: string | null,
): Promise<{ ok: true }> {
  const found = await linkOf(prisma, secret, token);
  if (!found) throw notALink();
  return prisma.$transaction(async (tx) => {
    const [link] = await tx.$queryRaw<
      SurveyLink[]
    >`SELECT * FROM "SurveyLink" WHERE id = ${found.id}::uuid FOR UPDATE`;
    if (!link || !surveyLinkOpen(link, now)) throw gone();
    const [task] = await tx.$queryRaw<
      Array<{
        status: string;
        attempts: number;
        questionnaireId: string | null;
        createdAt: Date;
        customerId: string;
      }>
    >`SELECT status::text AS status, attempts, "questionnaireId"::text AS "questionnaireId", "createdAt",
             "customerId"::text AS "customerId"
        FROM "Task" WHERE id = ${link.taskId}::uuid FOR UPDATE`;
    if (!task || !isTaskOpen(task.status as 'PENDING')) throw gone();
    const checked = await checkRecord(
      tx,
      link.organizationId,
      task,
      {
        channel: 'ONLINE_SURVEY',
        outcome: 'COMPLETED',
        satisfaction: body.satisfaction,
        answers: body.answers ?? [],
        opinions: body.opinions ?? null,
        suggestions: body.suggestions ?? null,
      },
      now,
    );
    const org = await tx.organization.findUniqueOrThrow({
      where: { id: link.organizationId },
      select: { timezone: true },
    });
    const next = nextTaskState(
      { status: task.status as 'PENDING', attempts: task.attempts, unsuccessfulDays: [] },
      { outcome: 'COMPLETED', day: dayIn(now, org.timezone), callBackAt: null },
    );
    const values = {
      channel: 'ONLINE_SURVEY' as const,
      outcome: 'COMPLETED' as const,
      startedAt: now,
      durationSec: null,
      satisfaction: checked.satisfaction,
      answers: checked.answers,
      opinions: body.opinions?.trim() || null,
      suggestions: body.suggestions?.trim() || null,
      recordingRef: null,
      callBackAt: null,
    };
    const record = await tx.visitRecord.create({
      data: {
        organizationId: link.organizationId,
        taskId: link.taskId,
        // credited to the caller who sent the link (docs/rules.md#r-srv-1-survey-links)
        callerId: link.sentById,
        customerId: task.customerId,
        ...values,
        questionnaireId: checked.questionnaireId,
        questionnaireVersion: checked.questionnaireVersion,
        createdAt: now,
        original: JSON.parse(
          JSON.stringify({ ...values, questionnaireVersion: checked.questionnaireVersion }),
        ),
      },
    });
    await tx.task.update({
      where: { id: link.taskId },
      data: {
        status: next.status,
        attempts: next.attempts,
        callBackAt: null,
        lastAttemptAt: now,
        doneAt: next.closes ? now : null,
        version: { increment: 1 },
      },
    });
    await tx.customer.updateMany({
      where: { id: task.customerId, OR: [{ lastVisitAt: null }, { lastVisitAt: { lt: now } }] },
      data: { lastVisitAt: now },
    });
    await tx.surveyLink.update({
      where: { id: link.id },
      data: { answeredAt: now, visitRecordId: record.id },
    });
    // the customer, answering with no account: recorded as the app, from their address
    const actor = systemActor(link.organizationId, now, `survey-answer:${ip ?? ''}`);
    await audit(tx, actor, {
      action: 'SURVEY_ANSWERED',
      entity: 'VisitRecord',
      entityId: record.id,
      after: { taskId: link.taskId, surveyLinkId: link.id, status: next.status },
    });
    await notify(tx, actor, {
      userIds: [link.sentById],
      type: 'SURVEY_ANSWERED',
      entity: 'Task',
      entityId: link.taskId,
      payload: { satisfaction: checked.satisfaction },
    });
    return { ok: true as const };
  });
}

export interface SurveyRunResult {
  reminded: number;
  handedBack: number;
}

/**
 * The `survey-links` job at `now`: an open link sent `remindAfterHours` ago is reminded once, outside
 * the quiet hours; a link past its deadline unanswered goes back to the caller (notified), whose task
 * stayed in their queue all along.
 */
export async function runSurveyLinks(
  prisma: PrismaClient,
  messenger: Messenger,
  secret: string,
  now: Date,
): Promise<SurveyRunResult> {
  const result: SurveyRunResult = { reminded: 0, handedBack: 0 };
  const expired = await prisma.surveyLink.findMany({
    where: { answeredAt: null, cancelledAt: null, handedBackAt: null, expiresAt: { lte: now } },
    take: 1000,
  });
  for (const l of expired) {
    await prisma.$transaction(async (tx) => {
      const done = await tx.surveyLink.updateMany({
        where: { id: l.id, handedBackAt: null, answeredAt: null },
        data: { handedBackAt: now },
      });
      if (done.count === 0) return;
      const actor = systemActor(l.organizationId, now, 'survey-links');
      await notify(tx, actor, {
        userIds: [l.sentById],
        type: 'SURVEY_EXPIRED',
        entity: 'Task',
        entityId: l.taskId,
      });
      result.handedBack++;
    });
  }
  const candidates = await prisma.surveyLink.findMany({
    where: {
      answeredAt: null,
      cancelledAt: null,
      expiresAt: { gt: now },
      reminders: { lt: SURVEY_LINK_RULES.maxReminders },
      sentAt: { lte: new Date(now.getTime() - SURVEY_LINK_RULES.remindAfterHours * 3600_000) },
    },
    take: 1000,
  });
  const orgs = new Map<
    string,
    { name: string; timezone: string; quiet: { quietFrom: string | null; quietTo: string | null } }
  >();
  for (const l of candidates) {
    let org = orgs.get(l.organizationId);
    if (!org) {
      const o = await prisma.organization.findUniqueOrThrow({
        where: { id: l.organizationId },
        select: { name: true, timezone: true },
      });
      org = { ...o, quiet: await contactPolicyOf(prisma, l.organizationId) };
      orgs.set(l.organizationId, org);
    }
    if (!surveyReminderDue(l, now, org.quiet, timeIn(now, org.timezone))) continue;
    const task = await prisma.task.findUnique({
      where: { id: l.taskId },
      select: { status: true, purpose: true },
    });
    if (!task || !isTaskOpen(task.status)) continue;
    // claim it first: two processes never remind twice
    const claimed = await prisma.surveyLink.updateMany({
      where: { id: l.id, reminders: l.reminders },
      data: { reminders: { increment: 1 }, remindedAt: now },
    });
    if (claimed.count === 0) continue;
    const customer = await prisma.customer.findUniqueOrThrow({
      where: { id: l.customerId },
      select: { phone: true, email: true, refusesVisits: true, visitsPausedAt: true },
    });
    if (customer.refusesVisits || customer.visitsPausedAt) continue;
    const to = l.channel === 'EMAIL' ? customer.email : customer.phone;
    if (!to) continue;
    const token = surveyToken(secret, l.id);
    const text = messageText(
      languageOf(l.language),
      org.name,
      task.purpose,
      `${l.baseUrl}/s/${token}`,
      untilText(l.expiresAt, org.timezone),
      true,
    );
    await messenger.send(
      prisma,
      {
        organizationId: l.organizationId,
        channel: l.channel as 'SMS' | 'EMAIL',
        to,
        ...(l.channel === 'EMAIL' ? { subject: text.subject } : {}),
        body: text.body,
        entity: 'SurveyLink',
        entityId: l.id,
        secret: token,
      },
      now,
    );
    result.reminded++;
  }
  return result;
}
