// Rows → API shapes for visit records, shared by the tasks and visits modules.
import {
  type TPerson,
  type TQuestion,
  type TStoredAnswer,
  type TVisitAmendment,
  type TVisitRecord,
  type TVisitTicketRef,
  ZQuestion,
} from '@huifang/contracts';
import { z } from 'zod';
import type { Tx } from '../../db/prisma.ts';

export interface VisitRow {
  id: string;
  taskId: string;
  customerId: string;
  callerId: string;
  startedAt: Date;
  durationSec: number | null;
  channel: TVisitRecord['channel'];
  outcome: TVisitRecord['outcome'];
  satisfaction: number | null;
  questionnaireId: string | null;
  questionnaireVersion: number | null;
  answers: unknown;
  opinions: string | null;
  suggestions: string | null;
  recordingRef: string | null;
  signature: string | null;
  callBackAt: Date | null;
  amendmentCount: number;
  signOffStatus?: string | null;
  signOffComment?: string | null;
  version: number;
  createdAt: Date;
}

export interface AmendmentRow {
  id: string;
  authorId: string;
  reason: string;
  changes: unknown;
  createdAt: Date;
}

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** Names of users by id, for the people a page mentions; one query. */
export async function userNames(
  db: Tx,
  ids: Iterable<string | null | undefined>,
): Promise<Map<string, string>> {
  const unique = [...new Set([...ids].filter((x): x is string => !!x))];
  if (!unique.length) return new Map();
  const rows = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

export const person = (names: Map<string, string>, id: string): TPerson => ({
  id,
  name: names.get(id) ?? '--',
});

export const storedAnswers = (json: unknown): TStoredAnswer[] =>
  Array.isArray(json) ? (json as TStoredAnswer[]) : [];

const ZQuestions = z.array(ZQuestion);
/** The questions of a questionnaire row (JSON validated by the shared contract). */
export function questionsOf(json: unknown): TQuestion[] {
  const parsed = ZQuestions.safeParse(json);
  return parsed.success ? parsed.data : [];
}

export function toAmendment(a: AmendmentRow, names: Map<string, string>): TVisitAmendment {
  return {
    id: a.id,
    author: person(names, a.authorId),
    reason: a.reason,
    changes: (a.changes ?? {}) as TVisitAmendment['changes'],
    createdAt: a.createdAt.toISOString(),
  };
}

/** The tickets raised from each of these records (R-VISIT-5), oldest first; one query. */
export async function ticketsOfVisits(
  db: Tx,
  organizationId: string,
  visitIds: string[],
): Promise<Map<string, TVisitTicketRef[]>> {
  const byVisit = new Map<string, TVisitTicketRef[]>();
  if (!visitIds.length) return byVisit;
  const rows = await db.issueTicket.findMany({
    where: { organizationId, sourceVisitId: { in: visitIds } },
    orderBy: { number: 'asc' },
    select: { id: true, number: true, title: true, status: true, sourceVisitId: true },
  });
  for (const { sourceVisitId, ...ref } of rows) {
    if (!sourceVisitId) continue;
    byVisit.set(sourceVisitId, [...(byVisit.get(sourceVisitId) ?? []), ref]);
  }
  return byVisit;
}

export function toVisitRecord(
  v: VisitRow,
  names: Map<string, string>,
  amendments: AmendmentRow[] = [],
  tickets: TVisitTicketRef[] = [],
): TVisitRecord {
  return {
    id: v.id,
    taskId: v.taskId,
    customerId: v.customerId,
    caller: person(names, v.callerId),
    startedAt: v.startedAt.toISOString(),
    durationSec: v.durationSec,
    channel: v.channel,
    outcome: v.outcome,
    satisfaction: v.satisfaction,
    questionnaireId: v.questionnaireId,
    questionnaireVersion: v.questionnaireVersion,
    answers: storedAnswers(v.answers),
    opinions: v.opinions,
    suggestions: v.suggestions,
    recordingRef: v.recordingRef,
    signature: v.signature,
    callBackAt: iso(v.callBackAt),
    amendmentCount: v.amendmentCount,
    signOffStatus: (v.signOffStatus ?? null) as TVisitRecord['signOffStatus'],
    signOffComment: v.signOffComment ?? null,
    version: v.version,
    createdAt: v.createdAt.toISOString(),
    amendments: amendments.map((a) => toAmendment(a, names)),
    tickets,
  };
}
