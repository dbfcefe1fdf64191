import { ArrowLeftOutlined, ClockCircleOutlined } from '@ant-design/icons';
import type { TCallerDashboard } from '@huifang/contracts';
import { ratioAtLeast, targetStates } from '@huifang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { ApiError } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { useFirstArrivalDeferred } from '../../lib/deferred';
import { MonthPicker, useMonthParam } from '../dashboards/month';
import { callerDashboardQuery } from './api';
import { RatesTrendChart, ScoreTrendChart } from './charts';
import { bp, hundredths, signedBp } from './format';
import { ChartCard, DaysProgress, DimensionsTable, GradeTag, MetricCard, TargetCard } from './parts';

/**
 * 我的绩效: a caller's month so far against the targets, the 100-point score with its six dimensions and
 * what is left to reach 100 %. With `:id` the same page is a manager's or lead's drill-down into a caller.
 */
export function CallerKpiPage() {
  const { t } = useTranslation('kpi');
  const { id } = useParams();
  const can = useCan();
  const navigate = useNavigate();
  const [month, setMonth] = useMonthParam();
  const q = useQuery(callerDashboardQuery(month, id));
  // rendered in the background when it first arrives (lib/deferred.ts); never another caller's figures
  const deferred = useFirstArrivalDeferred(q.data);
  const d = id && deferred?.user.id !== id ? undefined : deferred;
  const back = can('dashboard:manager') ? '/kpi' : '/kpi/team';

  const title = id ? t('caller.titleOf', { name: d?.user.name ?? '' }) : t('caller.title');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space size={12} align="start">
            {id ? (
              <Button
                icon={<ArrowLeftOutlined />}
                aria-label={t('common:actions.back')}
                title={t('common:actions.back')}
                onClick={() => navigate(`${back}?month=${month}`)}
                data-testid="drill-back"
              />
            ) : null}
            <PageTitle title={title} subtitle={t('caller.subtitle')} />
          </Space>
        }
        extra={
          <Space size={16} wrap>
            {d ? <DaysProgress days={d.days} /> : null}
            <MonthPicker month={month} onChange={setMonth} />
          </Space>
        }
      >
        {q.isError ? (
          q.error instanceof ApiError && (q.error.status === 403 || q.error.status === 404) ? (
            <Result
              status={q.error.status === 403 ? '403' : '404'}
              title={t(q.error.status === 403 ? 'caller.forbidden' : 'caller.notFound')}
              data-testid="load-error"
            />
          ) : (
            <LoadError error={q.error} onRetry={() => void q.refetch()} />
          )
        ) : !d ? (
          <Skeleton active paragraph={{ rows: 3 }} data-testid="dashboard-loading" />
        ) : (
          <CallerFigures d={d} own={!id} />
        )}
      </Card>

      {d ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <ChartCard title={t('caller.dimensions')} testId="score-dimensions">
              <DimensionsTable kpi={d.kpi} gradeBands={d.gradeBands} />
            </ChartCard>
          </Col>
          <Col xs={24} xl={10}>
            <Remaining d={d} />
          </Col>
          <Col xs={24} xl={12}>
            <ChartCard title={t('chart.scoreTrend')} testId="chart-score-trend">
              <ScoreTrendChart points={d.trend} />
            </ChartCard>
          </Col>
          <Col xs={24} xl={12}>
            <ChartCard title={t('chart.ratesTrend')} testId="chart-rates-trend">
              <RatesTrendChart points={d.trend} targets={d.targets} />
            </ChartCard>
          </Col>
        </Row>
      ) : null}
    </Space>
  );
}

function CallerFigures({ d, own }: { d: TCallerDashboard; own: boolean }) {
  const { t } = useTranslation('kpi');
  const k = d.kpi;
  const c = k.counts;
  // decided on the counts, exactly: a rounded 90.00 % may still be below 90 %
  const states = targetStates(k, d.targets);
  const belowWarning = c.assigned > 0 && !ratioAtLeast(c.done, c.assigned, d.warningThresholdBp, 10000);
  const belowRetraining =
    c.inspected > 0 && !ratioAtLeast(c.passed, c.inspected, d.retrainingThresholdBp, 10000);
  const running = d.dueBefore !== null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {d.phase === 'RUNNING' && d.dueBefore ? (
        <Alert
          type="info"
          showIcon
          data-testid="month-in-progress"
          title={t('phase.runningNote', { day: d.dueBefore, assigned: c.assigned, total: d.assignedInMonth })}
        />
      ) : null}
      {d.assignedInMonth === 0 ? (
        <Alert
          type="info"
          showIcon
          title={t(own ? 'empty.callerNoTasks' : 'empty.monthNoTasks', { month: d.month })}
          data-testid="month-empty"
        />
      ) : null}
      {belowWarning ? (
        <Alert
          type="warning"
          showIcon
          data-testid="warning-risk"
          title={t('caller.belowWarning', { rate: bp(k.completionBp), threshold: bp(d.warningThresholdBp) })}
        />
      ) : null}
      {belowRetraining ? (
        <Alert
          type="warning"
          showIcon
          data-testid="retraining-risk"
          title={t('caller.belowRetraining', {
            rate: bp(k.passRateBp),
            threshold: bp(d.retrainingThresholdBp),
          })}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col flex="1 1 200px">
          <MetricCard
            metric="completion"
            value={k.completionBp}
            target={d.targets.completionBp}
            state={states.completion}
            detail={t('caller.doneOf', { done: c.done, assigned: c.assigned })}
          />
        </Col>
        <Col flex="1 1 200px">
          <TargetCard
            testId="kpi-on-time"
            title={
              <Space size={6}>
                <ClockCircleOutlined />
                {t('metric.onTime')}
              </Space>
            }
            value={bp(k.onTimeBp)}
            detail={t('caller.onTimeOf', { onTime: c.onTime, assigned: c.assigned })}
          />
        </Col>
        <Col flex="1 1 200px">
          <MetricCard
            metric="passRate"
            value={k.passRateBp}
            target={d.targets.passRateBp}
            state={states.passRate}
            detail={t('caller.passedOf', { passed: c.passed, inspected: c.inspected })}
          />
        </Col>
        <Col flex="1 1 200px">
          <MetricCard
            metric="satisfaction"
            value={k.satisfactionHundredths}
            target={d.targets.satisfactionHundredths}
            state={states.satisfaction}
            detail={
              <span data-testid="satisfaction-change">
                {t('caller.satisfactionChange', {
                  change: signedBp(k.satisfactionChangeBp),
                  previous: hundredths(k.prevSatisfactionHundredths),
                })}
              </span>
            }
          />
        </Col>
        <Col flex="1 1 200px">
          <MetricCard
            metric="score"
            value={k.scoreHundredths}
            detail={<GradeTag grade={k.grade} testId="grade" provisional={running} />}
          />
        </Col>
      </Row>
    </Space>
  );
}

/** What is left this month to reach 100 % completion, and how many tasks keep a warning away. */
function Remaining({ d }: { d: TCallerDashboard }) {
  const { t } = useTranslation('kpi');
  const r = d.remaining;
  const done = d.kpi.counts.assigned > 0 && r.toFullCompletion === 0;
  return (
    <ChartCard title={t('remaining.title')} testId="remaining">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {done ? (
          <Alert type="success" showIcon title={t('remaining.allDone')} data-testid="remaining-done" />
        ) : (
          <Typography.Text data-testid="remaining-summary">
            {t('remaining.summary', { count: r.toFullCompletion })}
          </Typography.Text>
        )}
        <Descriptions
          size="small"
          column={1}
          bordered
          styles={{ content: { textAlign: 'right', whiteSpace: 'nowrap' } }}
        >
          <Descriptions.Item label={t('remaining.toFullCompletion')}>
            <span data-testid="remaining-full">{r.toFullCompletion}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('remaining.open')}>
            <span data-testid="remaining-open">{r.open}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('remaining.overdue')}>
            <Typography.Text type={r.overdue ? 'danger' : undefined} data-testid="remaining-overdue">
              {r.overdue}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('remaining.dueToday')}>
            <span data-testid="remaining-today">{r.dueToday}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('remaining.toAvoidWarning', { threshold: bp(d.warningThresholdBp) })}>
            <Typography.Text type={r.toAvoidWarning ? 'warning' : undefined} data-testid="remaining-warning">
              {r.toAvoidWarning}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Space>
    </ChartCard>
  );
}
