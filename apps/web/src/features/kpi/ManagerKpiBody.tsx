// The manager's KPI page below its title (ManagerKpiPage.tsx): the organisation's figures, the
// charts, the departments and callers, and churn — a file of its own, loaded while the page's frame
// shows (docs/performance.md#web).
import { AlertOutlined, MoneyCollectOutlined } from '@ant-design/icons';
import type { TManagerDashboard } from '@huifang/contracts';
import { Alert, Card, Col, Descriptions, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Staggered } from '../../components/Staggered';
import { useCan } from '../../lib/auth';
import { deductionColor, formatDeduction, MONEY_COLOR } from '../../lib/money';
import { GradeDistributionChart, RateByCallerChart, RatesTrendChart, SatisfactionTrendChart } from './charts';
import { bp, fen, hundredths } from './format';
import { ChartCard, GradeTag, MetricCard, ReweightedTag, TargetCard, TrafficLight } from './parts';
import { callerDashboardPath } from './paths';

const ChurnDashboard = lazy(() =>
  import('../churn-analysis/ChurnDashboard').then((m) => ({ default: m.ChurnDashboard })),
);

type Caller = TManagerDashboard['callers'][number];

const SHEET_COLORS = { NONE: 'default', OPEN: 'processing', APPROVED: 'success' } as const;

/** The organisation's month in the page's card: its figures against the targets, incentives, tickets. */
export function ManagerKpiFigures({ d }: { d: TManagerDashboard }) {
  const { t } = useTranslation('kpi');
  const can = useCan();
  const org = d.trend.find((p) => p.month === d.month);
  const noTasks = d.callers.every((c) => c.completionBp === null);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {d.phase === 'RUNNING' && d.dueBefore ? (
        <Alert
          type="info"
          showIcon
          data-testid="month-in-progress"
          title={t('phase.runningShort', { day: d.dueBefore })}
        />
      ) : null}
      {noTasks ? (
        <Alert
          type="info"
          showIcon
          title={t('empty.monthNoTasks', { month: d.month })}
          data-testid="month-empty"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} xl={8} xxl={4}>
          <MetricCard
            metric="completion"
            value={org?.completionBp}
            target={d.targets.completionBp}
            state={d.organization.completion.state}
          />
        </Col>
        <Col xs={24} sm={12} xl={8} xxl={4}>
          <MetricCard
            metric="passRate"
            value={org?.passRateBp}
            target={d.targets.passRateBp}
            state={d.organization.passRate.state}
          />
        </Col>
        <Col xs={24} sm={12} xl={8} xxl={4}>
          <MetricCard
            metric="satisfaction"
            value={org?.satisfactionHundredths}
            target={d.targets.satisfactionHundredths}
            state={d.organization.satisfaction.state}
          />
        </Col>
        <Col xs={24} sm={12} xl={8} xxl={4}>
          <MetricCard
            metric="score"
            value={org?.scoreHundredths}
            detail={<GradeTag grade={org?.grade ?? null} provisional={d.dueBefore !== null} />}
          />
        </Col>
        <Col xs={24} sm={12} xl={8} xxl={4}>
          <Card size="small" data-testid="kpi-incentives" style={{ height: '100%' }}>
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space size={6} style={{ justifyContent: 'space-between', width: '100%' }}>
                <Typography.Text type="secondary">
                  <MoneyCollectOutlined /> {t('incentives.title')}
                </Typography.Text>
                <Tag color={SHEET_COLORS[d.incentives.sheetStatus]} data-testid="sheet-status">
                  {t(`sheet.${d.incentives.sheetStatus}`)}
                </Tag>
              </Space>
              <Descriptions size="small" column={1} colon={false}>
                <Descriptions.Item label={t('incentives.bonus')}>
                  <Typography.Text style={{ color: MONEY_COLOR.bonus }} data-testid="bonus-total">
                    {fen(d.incentives.bonusFen)}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('incentives.deduction')}>
                  <Typography.Text
                    style={{ color: deductionColor(d.incentives.deductionFen) }}
                    data-testid="deduction-total"
                  >
                    {formatDeduction(d.incentives.deductionFen)}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
              <Typography.Text type="secondary">
                {t('incentives.items', {
                  proposed: d.incentives.proposed,
                  approved: d.incentives.approved,
                })}
              </Typography.Text>
              {can(['incentive:read:any', 'incentive:decide']) ? (
                <Link to={`/incentives?month=${d.month}`} data-testid="open-sheet">
                  {t('incentives.open')}
                </Link>
              ) : null}
            </Space>
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={8} xxl={4}>
          <TargetCard
            testId="kpi-tickets"
            title={
              <Space size={6}>
                <AlertOutlined />
                {t('tickets.onTime')}
              </Space>
            }
            value={bp(d.tickets.onTimeBp)}
            detail={
              <Space orientation="vertical" size={0}>
                <span>
                  {t('tickets.respondedOf', {
                    onTime: d.tickets.respondedOnTime,
                    responded: d.tickets.responded,
                  })}
                </span>
                <span>
                  {t('tickets.createdClosed', { created: d.tickets.created, closed: d.tickets.closed })}
                </span>
                <Typography.Text
                  type={d.tickets.overdueNow ? 'danger' : 'secondary'}
                  data-testid="tickets-overdue"
                >
                  {t('tickets.overdueNow', { count: d.tickets.overdueNow })}
                </Typography.Text>
              </Space>
            }
          />
        </Col>
      </Row>
    </Space>
  );
}

/**
 * Under the card: the charts, the departments and the callers, and churn. The tables and churn
 * render as they come near the screen, as the charts do (components/Staggered.tsx): a table
 * measures its columns, a style and layout pass of its own (docs/performance.md#web).
 */
export function ManagerKpiBelow({ d, month }: { d: TManagerDashboard; month: string }) {
  const { t } = useTranslation('kpi');
  const can = useCan();
  const navigate = useNavigate();
  const open = (id: string) => navigate(callerDashboardPath(id, d.month));
  return (
    <>
      {/* the charts come with the figures: skeletons here would be pushed down when the figures
          above them arrive (a layout shift) */}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('chart.completionByCaller', { month })}
            testId="chart-completion"
            extra={<DrillHint />}
          >
            <RateByCallerChart
              rows={d.callers}
              field="completionBp"
              targetBp={d.targets.completionBp}
              onSelect={open}
            />
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('chart.passRateByCaller', { month })}
            testId="chart-pass-rate"
            extra={<DrillHint />}
          >
            <RateByCallerChart
              rows={d.callers}
              field="passRateBp"
              targetBp={d.targets.passRateBp}
              onSelect={open}
            />
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t('chart.satisfactionTrend')} testId="chart-satisfaction-trend">
            <SatisfactionTrendChart points={d.trend} targetHundredths={d.targets.satisfactionHundredths} />
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t('chart.ratesTrend')} testId="chart-rates-trend">
            <RatesTrendChart points={d.trend} targets={d.targets} />
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('chart.grades', { month })}
            testId="chart-grades"
            extra={
              d.ungraded ? (
                <Typography.Text type="secondary" data-testid="ungraded">
                  {t('chart.ungraded', { count: d.ungraded })}
                </Typography.Text>
              ) : null
            }
          >
            <GradeDistributionChart rows={d.gradeDistribution} />
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t('departments.title')} testId="departments">
            <Staggered placeholder={<Skeleton title={false} paragraph={{ rows: 4 }} />}>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={d.departments}
                locale={{ emptyText: t('departments.empty') }}
                columns={[
                  { title: t('departments.name'), dataIndex: 'name' },
                  {
                    title: t('metric.completion'),
                    key: 'completion',
                    align: 'right',
                    render: (_, r) => (
                      <TrafficLight light={r.completion} format={bp} testId="light-completion" />
                    ),
                  },
                  {
                    title: t('metric.passRate'),
                    key: 'passRate',
                    align: 'right',
                    render: (_, r) => (
                      <TrafficLight light={r.passRate} format={bp} testId="light-pass-rate" />
                    ),
                  },
                  {
                    title: t('metric.satisfaction'),
                    key: 'satisfaction',
                    align: 'right',
                    render: (_, r) => (
                      <TrafficLight light={r.satisfaction} format={hundredths} testId="light-satisfaction" />
                    ),
                  },
                ]}
              />
            </Staggered>
          </ChartCard>
        </Col>
        <Col xs={24}>
          <ChartCard title={t('callers.title', { month })} testId="callers" extra={<DrillHint />}>
            <Staggered placeholder={<Skeleton title={false} paragraph={{ rows: 7 }} />}>
              <CallersTable
                rows={d.callers}
                onOpen={open}
                month={d.month}
                provisional={d.dueBefore !== null}
              />
            </Staggered>
          </ChartCard>
        </Col>
      </Row>
      {/* churn (docs/rules.md#r-churn-6-churn-dashboard), fetched when it comes near the screen */}
      {can('churn:read:any') ? (
        <Staggered placeholder={<ChurnPlaceholder />}>
          <Suspense fallback={<ChurnPlaceholder />}>
            <ChurnDashboard month={d.month} />
          </Suspense>
        </Staggered>
      ) : null}
    </>
  );
}

/** Churn's place until it comes near the screen: a card of about its height, nothing loading yet. */
function ChurnPlaceholder() {
  return (
    <Card aria-busy="true">
      <Skeleton title={false} paragraph={{ rows: 9 }} />
    </Card>
  );
}

function DrillHint() {
  const { t } = useTranslation('kpi');
  return <Typography.Text type="secondary">{t('drillHint')}</Typography.Text>;
}

const nullsLast = (a: number | null, b: number | null) => (a ?? -1) - (b ?? -1);

function CallersTable({
  rows,
  onOpen,
  month,
  provisional,
}: {
  rows: Caller[];
  onOpen: (id: string) => void;
  month: string;
  /** the month is in progress: grades on what was due so far */
  provisional: boolean;
}) {
  const { t } = useTranslation('kpi');
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('callers.empty') }}
      onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
      columns={[
        {
          title: t('callers.name'),
          dataIndex: 'name',
          render: (name: string, r) => (
            <Link
              to={callerDashboardPath(r.id, month)}
              onClick={(e) => e.stopPropagation()}
              data-testid="caller-link"
            >
              {name}
            </Link>
          ),
        },
        { title: t('callers.team'), dataIndex: 'teamName', render: (v: string | null) => v ?? '--' },
        {
          title: t('metric.completion'),
          dataIndex: 'completionBp',
          align: 'right',
          sorter: (a, b) => nullsLast(a.completionBp, b.completionBp),
          render: bp,
        },
        {
          title: t('metric.passRate'),
          dataIndex: 'passRateBp',
          align: 'right',
          sorter: (a, b) => nullsLast(a.passRateBp, b.passRateBp),
          render: bp,
        },
        {
          title: t('metric.satisfaction'),
          dataIndex: 'satisfactionHundredths',
          align: 'right',
          sorter: (a, b) => nullsLast(a.satisfactionHundredths, b.satisfactionHundredths),
          render: hundredths,
        },
        {
          title: t('metric.score'),
          dataIndex: 'scoreHundredths',
          align: 'right',
          defaultSortOrder: 'descend',
          sorter: (a, b) => nullsLast(a.scoreHundredths, b.scoreHundredths),
          render: (v: number | null, r) => (
            <span style={{ whiteSpace: 'nowrap' }}>
              {hundredths(v)}
              <ReweightedTag unassessed={r.unassessed} weight={r.assessedWeight} />
            </span>
          ),
        },
        {
          title: t('metric.grade'),
          dataIndex: 'grade',
          align: 'right',
          render: (g: Caller['grade']) => <GradeTag grade={g} provisional={provisional && g !== null} />,
        },
      ]}
    />
  );
}
