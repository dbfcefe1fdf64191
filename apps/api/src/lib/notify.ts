import type { Prisma, Tx } from '../db/prisma.ts';
import type { AnyActor } from './actor.ts';

export type NotificationType =
  | 'TASK_ASSIGNED'
  | 'TASK_REASSIGNED'
  | 'INSPECTION_RESULT'
  | 'APPEAL_FILED'
  | 'APPEAL_DECIDED'
  | 'TICKET_ROUTED'
  | 'TICKET_OVERDUE'
  | 'TICKET_ESCALATED'
  | 'TICKET_REOPENED'
  | 'TICKET_RESPONDED'
  | 'REPORT_RETURNED'
  | 'REPORT_APPROVED'
  | 'REPORT_FORWARDED'
  | 'VISIT_SENT_BACK'
  | 'MONTH_CLOSED'
  | 'INCENTIVES_APPROVED'
  | 'INCENTIVE_APPEAL_FILED'
  | 'INCENTIVE_APPEAL_DECIDED'
  | 'REMEDIATION_DEDUCTION'
  | 'EXPENSE_DECIDED'
  | 'CADENCE_RULE_SUBMITTED'
  | 'CADENCE_RULE_DECIDED'
  | 'TASK_FROM_RULE'
  | 'SURVEY_ANSWERED'
  | 'SURVEY_EXPIRED'
  | 'CHURN_SUGGESTED'
  | 'CHURN_WIN_BACK'
  | 'MEASURE_APPROVED'
  | 'MEASURE_REJECTED'
  | 'MEASURE_DONE'
  | 'MEASURE_EVALUATED'
  | 'MEASURE_OVERDUE'
  | 'MEASURE_ESCALATED'
  | 'ABUSE_REPORT_FILED'
  | 'ABUSE_REPORT_DECIDED';

export interface NotificationInput {
  userIds: string[];
  type: NotificationType;
  entity?: string;
  entityId?: string;
  /** the values the web app's translated text needs (no personal data beyond names) */
  payload?: Record<string, unknown>;
}

/** Writes in-app notifications in the caller's transaction, one row per distinct recipient. */
export async function notify(tx: Tx, actor: AnyActor, n: NotificationInput): Promise<void> {
  const userIds = [...new Set(n.userIds.filter(Boolean))];
  if (userIds.length === 0) return;
  await tx.notification.createMany({
    data: userIds.map((userId) => ({
      organizationId: actor.organizationId,
      userId,
      type: n.type,
      entity: n.entity ?? null,
      entityId: n.entityId ?? null,
      payload: (n.payload ?? {}) as Prisma.InputJsonValue,
      createdAt: actor.now,
    })),
  });
}
