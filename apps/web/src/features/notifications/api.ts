import type { TNotification, TPage } from '@huifang/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { api } from '../../lib/api';
import { formatYuan } from '../../lib/money';

export const unreadCountQuery = queryOptions({
  queryKey: ['notifications', 'unread'],
  queryFn: () => api<{ unread: number }>('/notifications/unread-count'),
  refetchInterval: 30_000,
});

export const notificationsQuery = (unreadOnly: boolean) =>
  queryOptions({
    queryKey: ['notifications', 'list', unreadOnly],
    queryFn: () =>
      api<TPage<TNotification> & { unread: number }>('/notifications', {
        query: { size: 20, unread: unreadOnly ? 'true' : undefined },
      }),
  });

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      api<{ unread: number }>(id === 'all' ? '/notifications/read-all' : `/notifications/${id}/read`, {
        method: 'POST',
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

/**
 * The values of a notification's text: who and what, with the codes in its payload (a result, a
 * decision, an incentive rule, an expense's status) translated and money formatted.
 */
export function notificationValues(n: TNotification, t: TFunction): Record<string, unknown> {
  const p = (n.payload ?? {}) as Record<string, unknown>;
  const values: Record<string, unknown> = { ...p };
  if (typeof p.rule === 'string') values.rule = t(`incentives:rule.${p.rule}`, { defaultValue: p.rule });
  if (typeof p.decision === 'string') {
    values.decision =
      n.type === 'APPEAL_DECIDED'
        ? t(`inspectionAppeal.${p.decision}`, { defaultValue: p.decision })
        : t(`incentives:appealDecision.${p.decision}`, { defaultValue: p.decision });
  }
  if (n.type === 'INSPECTION_RESULT') {
    values.record =
      typeof p.customer === 'string' ? t('record.of', { customer: p.customer }) : t('record.one');
    values.result = t(p.passed ? 'result.pass' : 'result.fail');
  }
  if (n.type === 'ABUSE_REPORT_DECIDED')
    values.decision = t(p.confirmed ? 'abuseDecision.confirmed' : 'abuseDecision.dismissed');
  if (n.type === 'CADENCE_RULE_DECIDED')
    values.decision = t(p.approved ? 'ruleDecision.approved' : 'ruleDecision.rejected');
  if (typeof p.amountFen === 'number') values.amount = formatYuan(p.amountFen);
  if (typeof p.status === 'string')
    values.status = t(`expenseStatus.${p.status}`, { defaultValue: p.status });
  return values;
}

/** Where a notification leads, by what it is about and who reads it. */
export function notificationLink(n: TNotification, role: string): string | null {
  switch (n.entity) {
    case 'Task':
      return n.entityId ? `/workbench/tasks/${n.entityId}` : '/workbench';
    case 'VisitPlan':
      return role === 'CALLER' ? '/workbench' : n.entityId ? `/plans/${n.entityId}` : null;
    case 'Inspection':
      return role === 'CALLER' ? `/my-inspections/${n.entityId}` : `/inspections/${n.entityId}`;
    case 'InspectionAppeal':
      return '/appeals';
    case 'ChurnCase':
      return n.entityId ? `/churn/${n.entityId}` : '/churn';
    case 'IssueTicket':
      return n.entityId ? `/tickets/${n.entityId}` : '/tickets';
    case 'VisitReport':
      return n.entityId ? `/reports/${n.entityId}` : '/reports';
    case 'MonthClose': {
      // entityId is the month (YYYY-MM): managers open its sheet, everybody else their own items
      const q = n.entityId ? `?month=${n.entityId}` : '';
      return role === 'MANAGER' || role === 'ADMIN' ? `/incentives${q}` : `/incentives/mine${q}`;
    }
    case 'IncentiveItem': {
      const month = (n.payload as { month?: unknown } | null)?.month;
      return typeof month === 'string' ? `/incentives/mine?month=${month}` : '/incentives/mine';
    }
    case 'VisitExpense':
      return '/expenses';
    case 'CustomerAbuseReport':
      return '/abuse-reports';
    case 'CadenceRule':
      return '/cadence-rules';
    case 'ImprovementMeasure':
      return n.entityId ? `/improvement-measures/${n.entityId}` : '/improvement-measures';
    default:
      return n.type.startsWith('TASK_') ? '/workbench' : null;
  }
}
