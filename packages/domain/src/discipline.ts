// Discipline and recognition by hand (docs/rules.md#r-disc-1-manual-items) and customer-abuse
// reports from staff (docs/rules.md#r-disc-2-customer-abuse-reports): the rules, once. The API
// applies them (apps/api/src/modules/incentives/manual.ts, apps/api/src/modules/abuse-reports)
// and the SQL that protects a reporter's figures mirrors `protectedByReport` (apps/api/src/db/rule-sql.ts).
import type { TRole } from '@huifang/contracts';
import { ABUSE_REPORT_STATUSES, MANUAL_INCENTIVE_KIND_KEYS } from '@huifang/contracts/values';
import { defineWorkflow } from './workflow.ts';

export const MANUAL_INCENTIVE_KINDS = MANUAL_INCENTIVE_KIND_KEYS;
export type ManualIncentiveKind = (typeof MANUAL_INCENTIVE_KINDS)[number];

/** Only a deduction carries money; a warning, a proposal or a certificate carries none. */
export function manualKindCarriesMoney(kind: ManualIncentiveKind): boolean {
  return kind === 'DEDUCTION';
}

/** Why a manual item cannot be added as given (null: it can), naming the field at fault. */
export function manualItemProblem(input: {
  kind: ManualIncentiveKind;
  amountFen: number | null | undefined;
}): { field: 'amountFen'; message: string } | null {
  const money = input.amountFen !== null && input.amountFen !== undefined;
  if (manualKindCarriesMoney(input.kind)) {
    if (!money || !Number.isInteger(input.amountFen) || input.amountFen! < 1)
      return { field: 'amountFen', message: 'A deduction needs an amount of at least 1 fen' };
    return null;
  }
  if (money) return { field: 'amountFen', message: `A ${input.kind} carries no money` };
  return null;
}

/** A lead adds items for the members of their own team only; a manager for anyone. */
export function mayAddManualItemFor(
  actor: { id: string; role: TRole; teamId: string | null },
  subject: { id: string; teamId: string | null },
): boolean {
  if (actor.role === 'MANAGER') return true;
  if (actor.role !== 'LEAD') return false;
  return actor.teamId !== null && subject.teamId === actor.teamId && subject.id !== actor.id;
}

export const ABUSE_STATUSES = ABUSE_REPORT_STATUSES;
export type AbuseReportStatus = (typeof ABUSE_STATUSES)[number];

/** A report is confirmed or dismissed once, by the reporter's superior or a manager. */
export const ABUSE_REPORT_WORKFLOW = defineWorkflow(ABUSE_REPORT_STATUSES, {
  confirm: { from: ['PENDING'], to: 'CONFIRMED', permission: 'abuse:decide' },
  dismiss: { from: ['PENDING'], to: 'DISMISSED', permission: 'abuse:decide' },
});

export interface AbuseReporter {
  id: string;
  role: TRole;
  /** the lead of the reporter's team, when the team has one who is active */
  activeTeamLeaderId: string | null;
}

/**
 * Who the report goes to: the reporter's superior — the lead of their team — or, when the team has
 * no active lead or the reporter is that lead, the managers. So a report can always be decided.
 */
export function abuseReportGoesTo(r: AbuseReporter): { to: 'LEAD'; userId: string } | { to: 'MANAGERS' } {
  if (r.activeTeamLeaderId && r.activeTeamLeaderId !== r.id)
    return { to: 'LEAD', userId: r.activeTeamLeaderId };
  return { to: 'MANAGERS' };
}

/** May `actor` confirm or dismiss the report? A manager always; the superior it went to; never the reporter. */
export function mayDecideAbuseReport(actor: { id: string; role: TRole }, r: AbuseReporter): boolean {
  if (actor.id === r.id) return false;
  if (actor.role === 'MANAGER') return true;
  const to = abuseReportGoesTo(r);
  return actor.role === 'LEAD' && to.to === 'LEAD' && to.userId === actor.id;
}

/** How far back from the report a reporter's records with the customer are protected, in days. */
export const ABUSE_PROTECTION_DAYS = 30;
const DAY_MS = 86_400_000;

export interface AbuseReportFacts {
  reporterId: string;
  customerId: string;
  status: string;
  createdAt: Date;
}

/**
 * Does a confirmed report protect this record or complaint? It protects what concerns the reporter
 * and that customer: a visit record the reporter started in the ABUSE_PROTECTION_DAYS before the
 * report (up to the report itself), and a conduct complaint of that customer against the reporter
 * raised from that window's start on. A pending or dismissed report protects nothing.
 */
export function protectedByReport(
  subject: { userId: string; customerId: string; at: Date; kind: 'RECORD' | 'COMPLAINT' },
  report: AbuseReportFacts,
): boolean {
  if (report.status !== 'CONFIRMED') return false;
  if (subject.userId !== report.reporterId || subject.customerId !== report.customerId) return false;
  const from = report.createdAt.getTime() - ABUSE_PROTECTION_DAYS * DAY_MS;
  const at = subject.at.getTime();
  if (at < from) return false;
  return subject.kind === 'COMPLAINT' || at <= report.createdAt.getTime();
}

/** Are visits to the customer paused: a confirmed report whose flag a manager has not lifted. */
export function visitsPaused(reports: readonly { status: string; liftedAt: Date | null }[]): boolean {
  return reports.some((r) => r.status === 'CONFIRMED' && r.liftedAt === null);
}
