// Training (docs/rules.md#r-trn-1-training-plans-and-sessions): the year's plans,
// sessions, attendance with test scores and the attendees' evaluation, and the retraining
// assignments a failed pass rate makes. Recording the days a retrained caller attended proposes
// the deduction of those days' pay (R-TRN-3) on the sheet of the session's month.
import {
  can,
  type TTrainingAssignment,
  type TTrainingAttendance,
  type TTrainingAttendanceWrite,
  type TTrainingPlan,
  type TTrainingPlanCreate,
  type TTrainingPlanList,
  type TTrainingSession,
  type TTrainingSessionCreate,
  type TTrainingSessionList,
} from '@huifang/contracts';
import {
  dateToDay,
  dayIn,
  dayToDate,
  monthIn,
  testPassed,
  trainingDayDeduction,
  validDaysAttended,
} from '@huifang/domain';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor, AnyActor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { forbidden, invalid, notFound, ruleViolation, staleVersion } from '../../lib/errors.ts';
import { lockMonth, sheetRow } from '../incentives/close.ts';
import { policyForMonth } from '../kpi/policy.ts';

const isStaff = (a: Actor) => can(a.user.role, 'training:record');

// ── plans ──

export async function listPlans(
  prisma: PrismaClient,
  actor: Actor,
  year: number | undefined,
): Promise<TTrainingPlanList> {
  const rows = await prisma.trainingPlan.findMany({
    where: { organizationId: actor.organizationId, ...(year ? { year } : {}) },
    orderBy: [{ year: 'desc' }, { createdAt: 'asc' }],
    include: { _count: { select: { sessions: true } } },
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      year: r.year,
      title: r.title,
      goals: r.goals,
      sessionCount: r._count.sessions,
      createdAt: r.createdAt.toISOString(),
    })),
    can: { write: can(actor.user.role, 'training:write') },
  };
}

export async function createPlan(
  prisma: PrismaClient,
  actor: Actor,
  body: TTrainingPlanCreate,
): Promise<TTrainingPlan> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.trainingPlan.create({
      data: {
        organizationId: actor.organizationId,
        year: body.year,
        title: body.title,
        goals: body.goals ?? null,
        createdById: actor.user.id,
        createdAt: actor.now,
      },
    });
    await audit(tx, actor, {
      action: 'TRAINING_PLAN_CREATE',
      entity: 'TrainingPlan',
      entityId: row.id,
      after: body,
    });
    return {
      id: row.id,
      year: row.year,
      title: row.title,
      goals: row.goals,
      sessionCount: 0,
      createdAt: row.createdAt.toISOString(),
    };
  });
}

// ── sessions ──

type SessionRow = Prisma.TrainingSessionGetPayload<{ include: { attendance: true; assignments: true } }>;

function presentSession(
  r: SessionRow,
  names: Map<string, string>,
  onlyUserId: string | null,
): TTrainingSession {
  const rows = r.attendance
    .filter((a) => onlyUserId === null || a.userId === onlyUserId)
    .sort(
      (a, b) =>
        (names.get(a.userId) ?? '').localeCompare(names.get(b.userId) ?? '') || a.id.localeCompare(b.id),
    );
  const rated = r.attendance.filter((a) => a.evaluationRating !== null);
  const sum = rated.reduce((s, a) => s + (a.evaluationRating ?? 0), 0);
  return {
    id: r.id,
    planId: r.planId,
    topic: r.topic as TTrainingSession['topic'],
    title: r.title,
    day: dateToDay(r.day),
    trainer: r.trainer,
    durationDays: r.durationDays,
    passMark: r.passMark,
    meanRatingHundredths: rated.length ? Math.round((sum * 100) / rated.length) : null,
    attendance: rows.map(
      (a): TTrainingAttendance => ({
        id: a.id,
        userId: a.userId,
        userName: names.get(a.userId) ?? '',
        daysAttended: a.daysAttended,
        score: a.score,
        passed: a.passed,
        evaluationRating: a.evaluationRating,
        evaluationComment: a.evaluationComment,
        evaluatedAt: a.evaluatedAt?.toISOString() ?? null,
        assignmentId:
          r.assignments.find((s) => s.userId === a.userId && s.status !== 'WITHDRAWN')?.id ?? null,
        version: a.version,
      }),
    ),
  };
}

async function userNames(db: PrismaClient | Tx, org: string, ids: string[]) {
  const users = await db.user.findMany({
    where: { organizationId: org, id: { in: [...new Set(ids)] } },
    select: { id: true, name: true },
  });
  return new Map(users.map((u) => [u.id, u.name]));
}

export async function listSessions(
  prisma: PrismaClient,
  actor: Actor,
  q: { planId?: string; from?: string; to?: string },
): Promise<TTrainingSessionList> {
  const org = actor.organizationId;
  const staff = isStaff(actor);
  const me = actor.user.id;
  const rows = await prisma.trainingSession.findMany({
    where: {
      organizationId: org,
      ...(q.planId ? { planId: q.planId } : {}),
      ...(q.from || q.to
        ? {
            day: { ...(q.from ? { gte: dayToDate(q.from) } : {}), ...(q.to ? { lte: dayToDate(q.to) } : {}) },
          }
        : {}),
      // a caller sees the sessions they are on
      ...(staff ? {} : { attendance: { some: { userId: me } } }),
    },
    include: { attendance: true, assignments: true },
    orderBy: [{ day: 'desc' }, { id: 'asc' }],
    take: 500,
  });
  const assignments = await prisma.trainingAssignment.findMany({
    where: { organizationId: org, ...(staff ? {} : { userId: me }) },
    orderBy: [{ month: 'desc' }, { id: 'asc' }],
    take: 500,
  });
  const people = staff
    ? await prisma.user.findMany({
        where: {
          organizationId: org,
          active: true,
          role: { in: ['CALLER', 'LEAD', 'SUPERVISOR'] },
          // a lead puts their own team on sessions
          ...(can(actor.user.role, 'scope:team') && !can(actor.user.role, 'training:write')
            ? { teamId: actor.user.teamId ?? '00000000-0000-0000-0000-000000000000' }
            : {}),
        },
        select: { id: true, name: true, role: true },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      })
    : [];
  const names = await userNames(prisma, org, [
    ...rows.flatMap((r) => r.attendance.map((a) => a.userId)),
    ...assignments.map((a) => a.userId),
  ]);
  return {
    items: rows.map((r) => presentSession(r, names, staff ? null : me)),
    assignments: assignments.map(
      (a): TTrainingAssignment => ({
        id: a.id,
        userId: a.userId,
        userName: names.get(a.userId) ?? '',
        month: a.month,
        itemId: a.itemId,
        sessionId: a.sessionId,
        status: a.status as TTrainingAssignment['status'],
        recheckMonth: a.recheckMonth,
      }),
    ),
    people: people.map((p) => ({ id: p.id, name: p.name, role: p.role })),
    can: { write: can(actor.user.role, 'training:write'), record: staff },
  };
}

async function loadSession(db: PrismaClient | Tx, org: string, id: string) {
  const row = await db.trainingSession.findFirst({
    where: { id, organizationId: org },
    include: { attendance: true, assignments: true },
  });
  if (!row) throw notFound('Training session');
  return row;
}

export async function createSession(
  prisma: PrismaClient,
  actor: Actor,
  body: TTrainingSessionCreate,
): Promise<TTrainingSession> {
  const org = actor.organizationId;
  return prisma.$transaction(async (tx) => {
    if (body.planId) {
      const plan = await tx.trainingPlan.findFirst({ where: { id: body.planId, organizationId: org } });
      if (!plan) throw invalid('No such training plan', [{ path: 'planId', message: 'not found' }]);
    }
    const ids = [...new Set(body.assignmentIds ?? [])];
    const assignments = ids.length
      ? await tx.trainingAssignment.findMany({ where: { id: { in: ids }, organizationId: org } })
      : [];
    if (assignments.length !== ids.length)
      throw invalid('No such retraining assignment', [{ path: 'assignmentIds', message: 'not found' }]);
    const taken = assignments.find((a) => a.status !== 'OPEN' || a.sessionId !== null);
    if (taken)
      throw ruleViolation('A retraining assignment is already on a session or no longer open', {
        assignmentId: taken.id,
      });
    const row = await tx.trainingSession.create({
      data: {
        organizationId: org,
        planId: body.planId ?? null,
        topic: body.topic,
        title: body.title,
        day: dayToDate(body.day),
        trainer: body.trainer,
        durationDays: body.durationDays,
        passMark: body.passMark,
        createdById: actor.user.id,
        createdAt: actor.now,
      },
    });
    for (const a of assignments) await enrol(tx, actor, row.id, a.userId);
    await audit(tx, actor, {
      action: 'TRAINING_SESSION_CREATE',
      entity: 'TrainingSession',
      entityId: row.id,
      after: body,
    });
    const full = await loadSession(tx, org, row.id);
    return presentSession(
      full,
      await userNames(
        tx,
        org,
        full.attendance.map((a) => a.userId),
      ),
      null,
    );
  });
}

/**
 * Puts a person on a session (idempotent) and, when they have an open retraining assignment not
 * yet on a session, puts that on it (R-TRN-2). Returns the attendance row.
 */
async function enrol(tx: Tx, actor: AnyActor, sessionId: string, userId: string) {
  const row = await tx.trainingAttendance.upsert({
    where: { sessionId_userId: { sessionId, userId } },
    create: { organizationId: actor.organizationId, sessionId, userId, createdAt: actor.now },
    update: {},
  });
  const open = await tx.trainingAssignment.findFirst({
    where: { organizationId: actor.organizationId, userId, status: 'OPEN', sessionId: null },
    orderBy: { month: 'asc' },
  });
  if (open) await tx.trainingAssignment.update({ where: { id: open.id }, data: { sessionId } });
  return row;
}

// ── attendance ──

export async function recordAttendance(
  prisma: PrismaClient,
  actor: Actor,
  sessionId: string,
  body: TTrainingAttendanceWrite,
): Promise<TTrainingSession> {
  const org = actor.organizationId;
  const me = actor.user.id;
  const userId = body.userId ?? me;
  const recording = body.daysAttended !== undefined || body.score !== undefined || body.userId !== undefined;
  const evaluating = body.evaluationRating !== undefined || body.evaluationComment !== undefined;
  // Days and scores are the staff's to record; an evaluation is the attendee's own.
  if (recording && !isStaff(actor) && !(body.userId === undefined || body.userId === me)) throw forbidden();
  if ((body.daysAttended !== undefined || body.score !== undefined) && !isStaff(actor)) throw forbidden();
  if (evaluating && userId !== me) throw forbidden('Only the attendee evaluates a session');
  if (evaluating && !can(actor.user.role, 'training:evaluate')) throw forbidden();

  return prisma.$transaction(async (tx) => {
    const session = await loadSession(tx, org, sessionId);
    const user = await tx.user.findFirst({ where: { id: userId, organizationId: org } });
    if (!user) throw invalid('No such user', [{ path: 'userId', message: 'not found' }]);
    // a lead records for their own team (and themselves) only
    if (
      userId !== me &&
      can(actor.user.role, 'scope:team') &&
      !can(actor.user.role, 'training:write') &&
      user.teamId !== actor.user.teamId
    )
      throw forbidden('A lead records the attendance of their own team');
    const day = dateToDay(session.day);
    if (body.daysAttended !== undefined && !validDaysAttended(body.daysAttended, session.durationDays)) {
      throw invalid(`Days attended are 0 to ${session.durationDays}`, [
        { path: 'daysAttended', message: `at most ${session.durationDays}` },
      ]);
    }
    const today = dayIn(actor.now, actor.user.timezone);
    if ((body.daysAttended ?? 0) > 0 || (body.score ?? null) !== null || evaluating) {
      if (day > today) throw ruleViolation('The session has not started yet', { day, today });
    }
    let row = session.attendance.find((a) => a.userId === userId);
    if (!row) {
      if (!isStaff(actor)) throw notFound('Attendance');
      row = await enrol(tx, actor, session.id, userId);
    }
    if (body.version !== undefined && body.version !== row.version) throw staleVersion(row.version);
    const data: Prisma.TrainingAttendanceUpdateInput = {};
    if (body.daysAttended !== undefined) data.daysAttended = body.daysAttended;
    if (body.score !== undefined) {
      data.score = body.score;
      data.passed = testPassed(body.score ?? null, session.passMark);
    }
    if (body.daysAttended !== undefined || body.score !== undefined) {
      data.recordedById = me;
      data.recordedAt = actor.now;
    }
    if (body.evaluationRating !== undefined) data.evaluationRating = body.evaluationRating;
    if (body.evaluationComment !== undefined) data.evaluationComment = body.evaluationComment ?? null;
    if (evaluating) data.evaluatedAt = actor.now;
    const changed = Object.keys(data).length > 0;
    const after = changed
      ? await tx.trainingAttendance.update({
          where: { id: row.id },
          data: { ...data, version: { increment: 1 } },
        })
      : row;
    await audit(tx, actor, {
      action: evaluating && !recording ? 'TRAINING_EVALUATE' : 'TRAINING_ATTENDANCE',
      entity: 'TrainingAttendance',
      entityId: row.id,
      before: { daysAttended: row.daysAttended, score: row.score },
      after: {
        daysAttended: after.daysAttended,
        score: after.score,
        evaluationRating: after.evaluationRating,
      },
    });
    if (body.daysAttended !== undefined) {
      const assignment = await tx.trainingAssignment.findFirst({
        where: { organizationId: org, userId, sessionId: session.id, status: { not: 'WITHDRAWN' } },
      });
      if (assignment) {
        await syncTrainingDeduction(tx, actor, actor.user.timezone, {
          assignment,
          sessionDay: day,
          daysAttended: after.daysAttended,
        });
      }
    }
    const full = await loadSession(tx, org, session.id);
    return presentSession(
      full,
      await userNames(
        tx,
        org,
        full.attendance.map((a) => a.userId),
      ),
      isStaff(actor) ? null : me,
    );
  });
}

/**
 * The retraining deduction of an assignment, as the days attended say (R-TRN-3): proposed on the
 * sheet of the session's month (or, when that sheet is approved, of the month it is recorded in),
 * changed in place while its sheet is open, withdrawn when no day is left. On an approved sheet an
 * item stays as it was decided.
 */
export async function syncTrainingDeduction(
  tx: Tx,
  actor: AnyActor,
  tz: string,
  input: {
    assignment: { id: string; userId: string; itemId: string; month: string };
    sessionDay: string;
    daysAttended: number;
  },
): Promise<void> {
  const org = actor.organizationId;
  const { assignment: a } = input;
  const retraining = await tx.incentiveItem.findFirst({
    where: { id: a.itemId, organizationId: org },
    select: { departmentId: true, status: true },
  });
  if (!retraining || retraining.status === 'WITHDRAWN' || retraining.status === 'REJECTED') return;
  const dedupeKey = `PASS_RATE_DEDUCTION:${a.userId}:${a.id}`;
  const existing = await tx.incentiveItem.findFirst({
    where: { organizationId: org, source: 'TRAINING', dedupeKey },
    include: { close: { select: { status: true } } },
  });
  if (existing?.close.status === 'APPROVED') return;
  let month = input.sessionDay.slice(0, 7);
  if (!existing) {
    const locked = await tx.monthClose.count({ where: { organizationId: org, month, status: 'APPROVED' } });
    if (locked) month = monthIn(actor.now, tz);
  } else {
    month = existing.month;
  }
  await lockMonth(tx, org, month);
  const policy = await policyForMonth(tx, org, month);
  const item = trainingDayDeduction({
    userId: a.userId,
    departmentId: retraining.departmentId,
    assignmentId: a.id,
    retrainingMonth: a.month,
    sessionDay: input.sessionDay,
    daysAttended: input.daysAttended,
    policy: policy.values,
  });
  if (!item) {
    if (existing && existing.status !== 'WITHDRAWN') {
      await tx.incentiveItem.update({
        where: { id: existing.id },
        data: {
          status: 'WITHDRAWN',
          decisionComment: 'RECALCULATED',
          decidedAt: actor.now,
          decidedById: actor.user?.id ?? null,
          version: { increment: 1 },
        },
      });
    }
    return;
  }
  const figures = item.figures as Prisma.InputJsonValue;
  if (existing) {
    if (existing.amountFen === item.amountFen && existing.status !== 'WITHDRAWN') {
      await tx.incentiveItem.update({ where: { id: existing.id }, data: { figures } });
      return;
    }
    // a changed amount reopens the decision: nothing is approved silently
    await tx.incentiveItem.update({
      where: { id: existing.id },
      data: {
        amountFen: item.amountFen,
        figures,
        status: 'PROPOSED',
        decidedById: null,
        decidedAt: null,
        decisionComment: null,
        version: { increment: 1 },
      },
    });
    return;
  }
  const sheet = await sheetRow(tx, org, month);
  await tx.incentiveItem.create({
    data: {
      organizationId: org,
      closeId: sheet.id,
      month,
      rule: item.rule,
      kind: item.kind,
      source: 'TRAINING',
      dedupeKey,
      userId: item.userId,
      departmentId: item.departmentId,
      amountFen: item.amountFen,
      figures,
      dependsOnId: a.itemId,
      createdAt: actor.now,
    },
  });
}
