import type { TManagerDashboard } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import { Card, Skeleton, Space, Tag } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { afterPaint, useFirstArrivalDeferred } from '../../lib/deferred';
import { formatTime } from '../../lib/format';
import { preloadable } from '../../lib/preloadable';
import { MonthPicker, useMonthParam } from '../dashboards/month';
import { managerDashboardQuery } from './api';
import { WaitingForYou } from './WaitingForYou';

// What the page shows of the month, a file of its own (ManagerKpiBody.tsx): the frame — the title,
// its month and the skeleton — paints with only its own code loaded, the figures' code loading
// meanwhile. The figures render in the background when the data first arrives
// (useFirstArrivalDeferred), a render that waits for their code instead of showing a fallback
// (docs/performance.md#web).
const Figures = preloadable<{ d: TManagerDashboard }>(() =>
  import('./ManagerKpiBody').then((m) => ({ default: m.ManagerKpiFigures })),
);
const Below = preloadable<{ d: TManagerDashboard; month: string }>(() =>
  import('./ManagerKpiBody').then((m) => ({ default: m.ManagerKpiBelow })),
);

/** 绩效看板: the organisation's month against its targets, by caller and department, with drill-down to a caller. */
export function ManagerKpiPage() {
  const { t } = useTranslation('kpi');
  const [month, setMonth] = useMonthParam();
  const q = useQuery(managerDashboardQuery(month));
  // rendered in the background when it first arrives (lib/deferred.ts)
  const d = useFirstArrivalDeferred(q.data);
  // once the frame has painted (a failed download is tried again when the figures render)
  useEffect(
    () =>
      afterPaint(() => {
        for (const part of [Figures, Below]) part.preload().catch(() => {});
      }),
    [],
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <WaitingForYou />
      <Card
        title={<PageTitle title={t('manager.title')} subtitle={t('manager.subtitle')} />}
        extra={
          <Space>
            {d ? (
              <Tag color={d.closed ? 'green' : 'blue'} data-testid="figures-source">
                {d.closed ? t('closed') : d.asOf ? t('liveAsOf', { time: formatTime(d.asOf) }) : t('live')}
              </Tag>
            ) : null}
            {d && d.phase !== 'PAST' ? (
              <Tag color="processing" data-testid="month-phase">
                {t(`phase.${d.phase}`)}
              </Tag>
            ) : null}
            <MonthPicker month={month} onChange={setMonth} />
          </Space>
        }
      >
        {q.isError ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : !d ? (
          <Skeleton active paragraph={{ rows: 3 }} data-testid="dashboard-loading" />
        ) : (
          <Figures d={d} />
        )}
      </Card>
      {d ? <Below d={d} month={month} /> : null}
    </Space>
  );
}
