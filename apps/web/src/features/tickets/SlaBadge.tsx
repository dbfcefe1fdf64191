import type { TTicketStatus, TTicketSummary } from '@huifang/contracts';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useElapsed } from '../../components/Overdue';
import { formatDateTime } from '../../lib/format';

/** Business hours and minutes left, e.g. 3 h 20 min (lateness is counted in calendar time: useElapsed). */
export function useDuration() {
  const { t } = useTranslation('common');
  return (ms: number) => {
    const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return h > 0 ? t('duration.hm', { h, m }) : t('duration.m', { m });
  };
}

const DONE: TTicketStatus[] = ['VERIFIED', 'CLOSED'];

/**
 * The response clock of a ticket: red overdue, amber at risk (< 20 % left), blue paused
 * (waiting on the customer), grey done; the exact due time in the tooltip.
 */
export function SlaBadge({ ticket }: { ticket: Pick<TTicketSummary, 'status' | 'sla' | 'dueAt'> }) {
  const { t } = useTranslation('tickets');
  const duration = useDuration();
  const elapsed = useElapsed();
  const { sla } = ticket;
  let color: string;
  let text: string;
  let state: string;
  if (DONE.includes(ticket.status)) {
    [color, text, state] = ['default', t('sla.done'), 'done'];
  } else if (sla.paused) {
    [color, text, state] = ['blue', sla.overdue ? t('sla.pausedLate') : t('sla.paused'), 'paused'];
  } else if (sla.overdue) {
    [color, text, state] = ['red', t('sla.overdue', { d: elapsed(sla.overdueMs) }), 'overdue'];
  } else if (sla.atRisk) {
    [color, text, state] = ['orange', t('sla.left', { d: duration(sla.remainingMs) }), 'atRisk'];
  } else {
    [color, text, state] = ['green', t('sla.left', { d: duration(sla.remainingMs) }), 'running'];
  }
  return (
    <Tooltip title={t('sla.dueAt', { at: formatDateTime(ticket.dueAt) })}>
      <Tag color={color} data-testid="sla-badge" data-state={state}>
        {text}
      </Tag>
    </Tooltip>
  );
}
