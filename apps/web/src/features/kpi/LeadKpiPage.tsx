import { WarningOutlined } from '@ant-design/icons';
import type { TLeadDashboard } from '@huifang/contracts';
import { targetStates } from '@huifang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { useFirstArrivalDeferred } from '../../lib/deferred';
import { formatTime } from '../../lib/format';
import { MonthPicker, useMonthParam } from '../dashboards/month';
import { leadDashboardQuery } from './api';
import { RatesTrendChart, SatisfactionTrendChart } from './charts';
import { bp, hundredths } from './format';
import { ChartCard, DaysProgress, GradeTag, MetricCard } from './parts';
import { callerDashboardPath } from './paths';

type Caller = TLeadDashboard['callers'][number];

/** 团队绩效: the lead's team against the targets; callers at risk of a warning or retraining first. */
export function LeadKpiPage() {
  const { t } = useTranslation('kpi');
  const [month, setMonth] = useMonthParam();
  const q = useQuery(leadDashboardQuery(month));
  // rendered in the background when it first arrives (lib/deferred.ts)
  const d = useFirstArrivalDeferred(q.data);
  const atRisk = d ? d.callers.filter((c) => c.risks.length > 0) : [];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <PageTitle
            title={d?.team ? t('lead.titleOf', { team: d.team.name }) : t('lead.title')}
            subtitle={t('lead.subtitle')}
          />
        }
        extra={
          <Space size={16} wrap>
            {d ? (
              <Tag color="blue" data-testid="figures-as-of">
                {t('liveAsOf', { time: formatTime(d.asOf) })}
              </Tag>
            ) : null}
            {d ? <DaysProgress days={d.days} /> : null}
            <MonthPicker month={month} onChange={setMonth} />
          </Space>
        }
      >
        {q.isError ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : !d ? (
          <Skeleton active paragraph={{ rows: 3 }} data-testid="dashboard-loading" />
        ) : !d.team ? (
          <Empty description={t('lead.noTeam')} data-testid="no-team" />
        ) : (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {d.total.counts.assigned === 0 ? (
              <Alert
                type="info"
                showIcon
                title={t('empty.monthNoTasks', { month: d.month })}
                data-testid="month-empty"
              />
            ) : null}
            {atRisk.length ? (
              <Alert
                type="warning"
                showIcon
                icon={<WarningOutlined />}
                data-testid="at-risk-summary"
                title={t('lead.atRiskSummary', {
                  count: atRisk.length,
                  names: atRisk.map((c) => c.name).join(t('listSeparator')),
                })}
              />
            ) : null}
            <Row gutter={[16, 16]}>
              <Col xs={24} sm={12} xl={6}>
                <MetricCard
                  metric="completion"
                  value={d.total.completionBp}
                  target={d.targets.completionBp}
                  state={targetStates(d.total, d.targets).completion}
                  detail={t('caller.doneOf', {
                    done: d.total.counts.done,
                    assigned: d.total.counts.assigned,
                  })}
                />
              </Col>
              <Col xs={24} sm={12} xl={6}>
                <MetricCard
                  metric="passRate"
                  value={d.total.passRateBp}
                  target={d.targets.passRateBp}
                  state={targetStates(d.total, d.targets).passRate}
                  detail={t('caller.passedOf', {
                    passed: d.total.counts.passed,
                    inspected: d.total.counts.inspected,
                  })}
                />
              </Col>
              <Col xs={24} sm={12} xl={6}>
                <MetricCard
                  metric="satisfaction"
                  value={d.total.satisfactionHundredths}
                  target={d.targets.satisfactionHundredths}
                  state={targetStates(d.total, d.targets).satisfaction}
                />
              </Col>
              <Col xs={24} sm={12} xl={6}>
                <MetricCard
                  metric="score"
                  value={d.total.scoreHundredths}
                  detail={<GradeTag grade={d.total.grade} provisional={d.dueBefore !== null} />}
                />
              </Col>
            </Row>
            <Card size="small" data-testid="lead-sign-off">
              <Space wrap size={16} align="center">
                <Typography.Text strong>
                  {t('approvalChains:signOff.rate')}:{' '}
                  {d.signOff.rateBp === null ? t('common:none') : bp(d.signOff.rateBp)}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('approvalChains:signOff.rateDetail', d.signOff)}
                </Typography.Text>
                <Link to={`/sign-offs?month=${d.month}`}>{t('approvalChains:nav.signOff')}</Link>
              </Space>
            </Card>
          </Space>
        )}
      </Card>

      {d?.team ? (
        <Row gutter={[16, 16]}>
          <Col xs={24}>
            <ChartCard title={t('lead.callers', { month: d.month })} testId="team-callers">
              <TeamTable rows={d.callers} month={d.month} provisional={d.dueBefore !== null} />
            </ChartCard>
          </Col>
          <Col xs={24} xl={12}>
            <ChartCard title={t('chart.ratesTrend')} testId="chart-rates-trend">
              <RatesTrendChart points={d.trend} targets={d.targets} />
            </ChartCard>
          </Col>
          <Col xs={24} xl={12}>
            <ChartCard title={t('chart.satisfactionTrend')} testId="chart-satisfaction-trend">
              <SatisfactionTrendChart points={d.trend} targetHundredths={d.targets.satisfactionHundredths} />
            </ChartCard>
          </Col>
        </Row>
      ) : null}
    </Space>
  );
}

function TeamTable({ rows, month, provisional }: { rows: Caller[]; month: string; provisional: boolean }) {
  const { t } = useTranslation('kpi');
  const navigate = useNavigate();
  // at risk first (both risks before one), then by name as the API orders them
  const sorted = [...rows].sort((a, b) => b.risks.length - a.risks.length);
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={sorted}
      pagination={false}
      tableLayout="auto"
      locale={{ emptyText: t('lead.noCallers') }}
      onRow={(r) =>
        ({
          onClick: () => navigate(callerDashboardPath(r.id, month)),
          style: { cursor: 'pointer', background: r.risks.length ? '#fff7e6' : undefined },
          'data-testid': 'team-caller',
          'data-at-risk': r.risks.length ? 'true' : 'false',
        }) as React.HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t('callers.name'),
          dataIndex: 'name',
          fixed: 'left',
          render: (name: string, r) => (
            <Link to={callerDashboardPath(r.id, month)} onClick={(e) => e.stopPropagation()}>
              {name}
            </Link>
          ),
        },
        {
          title: t('lead.risk'),
          key: 'risks',
          render: (_, r) =>
            r.risks.length ? (
              <Space size={4} wrap>
                {r.risks.map((k) => (
                  <Tag key={k} color={k === 'COMPLETION' ? 'orange' : 'red'} data-testid={`risk-${k}`}>
                    {t(`risk.${k}`)}
                  </Tag>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('risk.none')}</Typography.Text>
            ),
        },
        { title: t('metric.completion'), key: 'c', align: 'right', render: (_, r) => bp(r.kpi.completionBp) },
        {
          title: t('lead.projected'),
          dataIndex: 'projectedCompletionBp',
          align: 'right',
          render: (v: number | null) => bp(v),
        },
        { title: t('metric.onTime'), key: 'o', align: 'right', render: (_, r) => bp(r.kpi.onTimeBp) },
        { title: t('metric.passRate'), key: 'p', align: 'right', render: (_, r) => bp(r.kpi.passRateBp) },
        {
          title: t('metric.satisfaction'),
          key: 's',
          align: 'right',
          render: (_, r) => hundredths(r.kpi.satisfactionHundredths),
        },
        {
          title: t('metric.score'),
          key: 'score',
          align: 'right',
          render: (_, r) => hundredths(r.kpi.scoreHundredths),
        },
        {
          title: t('metric.grade'),
          key: 'grade',
          align: 'right',
          render: (_, r) => <GradeTag grade={r.kpi.grade} provisional={provisional} />,
        },
        { title: t('remaining.open'), dataIndex: 'open', align: 'right' },
        {
          title: t('remaining.overdue'),
          dataIndex: 'overdue',
          align: 'right',
          render: (v: number) => <Typography.Text type={v ? 'danger' : undefined}>{v}</Typography.Text>,
        },
      ]}
    />
  );
}
