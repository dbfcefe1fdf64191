// The frame of the two pages a plan is read on (the lead's builder, the manager's approval
// page): loading and error states, the header card, the status alerts, and the sections below them
// loaded as files of their own.
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { TPlanDetail } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Space, Typography } from 'antd';
import { type ComponentProps, type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageResult } from '../../components/PageResult';
import { ApiError } from '../../lib/api';
import { afterPaint, useFirstArrivalDeferred, useStagesAfterPaint } from '../../lib/deferred';
import { formatDateTime, formatNumber } from '../../lib/format';
import { type Preloadable, preloadable } from '../../lib/preloadable';
import { ChainSteps } from '../approval-chains/ChainSteps';
import { planQuery } from './api';
import { planError } from './errors';
import type { PlanItemsTable as ItemsTable } from './PlanItemsTable';
import { PlanStatusTag, RejectionAlert, reasonParts } from './PlanStatus';

type Preloads = Pick<Preloadable, 'preload'>;
const NO_PARTS: readonly Preloads[] = [];

export interface BackLink {
  to: string;
  label: string;
}

/** Loads the plan and renders `children` with it; a skeleton meanwhile, a result page on failure. */
export function PlanLoader({
  id,
  back,
  children,
}: {
  id: string;
  back: BackLink;
  children: (plan: TPlanDetail) => ReactNode;
}) {
  const { t } = useTranslation('plans');
  const plan = useQuery(planQuery(id));
  // a long plan renders in the background when it first arrives (lib/deferred.ts)
  const data = useFirstArrivalDeferred(plan.data);
  if (plan.isError)
    return (
      <PageResult
        status={plan.error instanceof ApiError && plan.error.status === 404 ? '404' : 'error'}
        title={planError(t, plan.error)}
        extra={
          <Link to={back.to}>
            <Button>{back.label}</Button>
          </Link>
        }
      />
    );
  if (!data || data.id !== id) return <Skeleton active paragraph={{ rows: 12 }} />;
  return children(data);
}

/**
 * The parts of a plan below its header, files of their own: the header (the page's largest text,
 * what it is waiting for) paints with only its own code loaded; these load after, while it shows
 * (usePlanStages; docs/performance.md#web). They render in the stages' transitions, which wait for
 * their code instead of showing a fallback.
 */
export const PlanOverview = preloadable<{ plan: TPlanDetail }>(() =>
  import('./PlanSections').then((m) => ({ default: m.PlanOverview })),
);
export const PlanHistory = preloadable<{ plan: TPlanDetail }>(() =>
  import('./PlanSections').then((m) => ({ default: m.PlanHistory })),
);
export const PlanItemsTable = preloadable<ComponentProps<typeof ItemsTable>>(() =>
  import('./PlanItemsTable').then((m) => ({ default: m.PlanItemsTable })),
);

/**
 * How many of a plan's `count` parts below its header may render (lib/deferred.ts
 * useStagesAfterPaint): the header and the status first, then each part once the ones above it have
 * been painted, in the background — short commits rather than one long one (docs/performance.md#web).
 * `pageParts`: the page's own lazily loaded parts (a constant of its module), whose code is asked
 * for with the sections' once the header has painted.
 */
export function usePlanStages(count: number, pageParts: readonly Preloads[] = NO_PARTS): number {
  // not stage after stage: a failed download is tried again when the part renders
  useEffect(
    () =>
      afterPaint(() => {
        for (const part of [PlanOverview, PlanHistory, PlanItemsTable, ...pageParts])
          part.preload().catch(() => {});
      }),
    [pageParts],
  );
  return useStagesAfterPaint(count);
}

/** The plan's header card: a way back, title and status, the plan's details, and the actions. */
export function PlanHeader({
  plan,
  back,
  details,
  actions,
}: {
  plan: TPlanDetail;
  back: BackLink;
  /** shown after month, team, creator, focus and submission time */
  details: Array<{ key: string; label: string; value: ReactNode }>;
  actions?: ReactNode;
}) {
  const { t } = useTranslation('plans');
  const items = [
    { key: 'month', label: t('header.month'), value: <span data-testid="plan-month">{plan.month}</span> },
    { key: 'team', label: t('header.team'), value: plan.teamName },
    { key: 'creator', label: t('header.creator'), value: plan.creatorName ?? '--' },
    { key: 'focus', label: t('header.focus'), value: plan.focus || t('header.noFocus') },
    { key: 'submittedAt', label: t('header.submittedAt'), value: formatDateTime(plan.submittedAt) },
    ...details,
  ];
  return (
    <Card size="small">
      <Flex justify="space-between" align="start" wrap gap={12}>
        <div>
          <Space align="center" wrap>
            <Link to={back.to}>
              <Button type="text" icon={<ArrowLeftOutlined />} aria-label={back.label} />
            </Link>
            <Typography.Title level={1} style={{ margin: 0 }} data-testid="plan-title">
              {plan.title}
            </Typography.Title>
            <PlanStatusTag status={plan.status} />
          </Space>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 12 }}>
            {items.map((i) => (
              <Descriptions.Item key={i.key} label={i.label}>
                {i.value}
              </Descriptions.Item>
            ))}
          </Descriptions>
          {plan.status === 'SUBMITTED' || (plan.status === 'APPROVED' && plan.chain.length > 1) ? (
            // who reviews and approves it, the step due highlighted (docs/rules.md#r-chain-1-chains)
            <ChainSteps chain={plan.chain} at={plan.chainStep} status={plan.status} />
          ) : null}
        </div>
        {actions ? <Space>{actions}</Space> : null}
      </Flex>
    </Card>
  );
}

/**
 * What the plan's status means for the reader: the last rejection's comment, "waiting for
 * approval" (for the lead), and once approved the tasks created, the items that got none and why,
 * and the manager's comment.
 */
export function PlanStatusAlerts({ plan, forLead }: { plan: TPlanDetail; forLead: boolean }) {
  const { t } = useTranslation('plans');
  const decided = plan.status === 'APPROVED' || plan.status === 'CLOSED';
  const skipped = plan.figures.skipped;
  return (
    <>
      <RejectionAlert plan={plan} />
      {forLead && plan.status === 'SUBMITTED' ? (
        <Alert type="info" showIcon title={t('alert.submitted')} />
      ) : null}
      {decided ? (
        <Alert
          type={skipped.total > 0 ? 'warning' : 'success'}
          showIcon
          data-testid="tasks-created"
          title={
            <>
              {plan.status === 'CLOSED' ? t('alert.closed') : t('alert.approved')} {t('alert.tasksCreated')}
              <Typography.Text strong data-testid="tasks-created-count">
                {formatNumber(plan.tasksCreated)}
              </Typography.Text>
            </>
          }
          description={
            skipped.total > 0 || plan.decisionComment ? (
              <>
                {skipped.total > 0 ? (
                  <div data-testid="tasks-skipped">
                    {t('alert.skipped', { count: skipped.total, parts: reasonParts(t, skipped.byReason) })}
                  </div>
                ) : null}
                {plan.decisionComment ? (
                  <div style={{ whiteSpace: 'pre-wrap' }}>
                    {t('alert.decisionComment', { comment: plan.decisionComment })}
                  </div>
                ) : null}
              </>
            ) : undefined
          }
        />
      ) : null}
    </>
  );
}
