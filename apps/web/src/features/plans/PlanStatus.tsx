// What a plan's header says of its state: its status tag, the last rejection, and the reasons
// customers were left out; light, so that the header paints before the figures' code is in
// (PlanPage.tsx; docs/performance.md#web).
import type { TPlanDetail, TPlanStatus } from '@huifang/contracts';
import { EXCLUSION_REASONS } from '@huifang/contracts/values';
import { Alert, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';

const STATUS_COLOR: Record<TPlanStatus, string> = {
  DRAFT: 'default',
  SUBMITTED: 'processing',
  APPROVED: 'success',
  REJECTED: 'error',
  CLOSED: 'default',
};

export function PlanStatusTag({ status }: { status: TPlanStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="plan-status">
      {t(`planStatus.${status}`)}
    </Tag>
  );
}

/** The rejection comment, in red, as long as the plan has not been submitted again. */
export function RejectionAlert({ plan }: { plan: TPlanDetail }) {
  const { t } = useTranslation('plans');
  if (!plan.lastRejection) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="rejection-alert"
      title={plan.status === 'REJECTED' ? t('alert.rejected') : t('alert.rejectedReworked')}
      description={
        <>
          <Typography.Paragraph
            style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}
            data-testid="rejection-comment"
          >
            {plan.lastRejection.comment}
          </Typography.Paragraph>
          <Typography.Text type="secondary">
            {t('alert.rejectedBy', {
              name: plan.lastRejection.actorName ?? '--',
              time: formatDateTime(plan.lastRejection.createdAt),
            })}
          </Typography.Text>
        </>
      }
    />
  );
}

/** "拒绝回访 3 位，有未完成的回访任务 2 位": the reasons with a count, in their fixed order. */
export function reasonParts(t: TFunction, byReason: Record<string, number>): string {
  return EXCLUSION_REASONS.filter((r) => (byReason[r] ?? 0) > 0)
    .map((r) => t('plans:excluded.part', { reason: t(`plans:excluded.reason.${r}`), count: byReason[r] }))
    .join(t('plans:excluded.separator'));
}
