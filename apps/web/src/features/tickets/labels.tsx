import type { TTicketSeverity, TTicketStatus } from '@huifang/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const STATUS_COLOR: Record<TTicketStatus, string> = {
  OPEN: 'gold',
  IN_PROGRESS: 'processing',
  RESPONDED: 'cyan',
  VERIFIED: 'success',
  REOPENED: 'magenta',
  CLOSED: 'default',
};
const SEVERITY_COLOR: Record<TTicketSeverity, string> = {
  LOW: 'default',
  MEDIUM: 'blue',
  HIGH: 'orange',
  CRITICAL: 'red',
};

export function StatusTag({ status }: { status: TTicketStatus }) {
  const { t } = useTranslation('tickets');
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="ticket-status" data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: TTicketSeverity }) {
  const { t } = useTranslation('tickets');
  return <Tag color={SEVERITY_COLOR[severity]}>{t(`severity.${severity}`)}</Tag>;
}
