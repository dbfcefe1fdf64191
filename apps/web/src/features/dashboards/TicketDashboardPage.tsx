import {
  CalendarOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  FieldTimeOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { TTicketSummary } from '@huifang/contracts';
import { isTicketRunning } from '@huifang/domain';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { useCan } from '../../lib/auth';
import { formatPercent } from '../../lib/format';
import { ticketsQuery } from '../tickets/api';
import { StatusTag } from '../tickets/labels';
import { SlaBadge } from '../tickets/SlaBadge';
import { ticketDashboardQuery } from './api';
import { MonthPicker, useMonthParam } from './month';
import { TicketsByCategoryChart, TicketsByStatusChart } from './ticket-charts';

/** A KPI card; with `to` the whole card opens the filtered ticket list. */
function Kpi({ testId, to, children }: { testId: string; to?: string; children: ReactNode }) {
  const card = (
    <Card size="small" hoverable={!!to} data-testid={testId} style={{ height: '100%' }}>
      {children}
    </Card>
  );
  return to ? (
    <Link to={to} style={{ display: 'block', height: '100%' }}>
      {card}
    </Link>
  ) : (
    card
  );
}

function KpiTitle({ icon, text }: { icon: ReactNode; text: string }) {
  return (
    <Space size={6}>
      {icon}
      {text}
    </Space>
  );
}

/** The ten next deadlines among the open tickets (overdue first), from the ticket list. */
function NextDeadlines() {
  const { t } = useTranslation(['dashboards', 'tickets']);
  const q = useQuery(ticketsQuery({ page: 1, size: 10 }));
  const rows = (q.data?.items ?? []).filter((r) => isTicketRunning(r.status) && !r.sla.paused);
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Table<TTicketSummary>
      size="small"
      rowKey="id"
      loading={q.isLoading}
      pagination={false}
      dataSource={rows}
      data-testid="next-deadlines"
      locale={{ emptyText: t('dashboards:deadlines.empty') }}
      columns={[
        {
          title: t('dashboards:deadlines.number'),
          dataIndex: 'number',
          align: 'right',
          width: 72,
          render: (n: number, r) => <Link to={`/tickets/${r.id}`}>#{n}</Link>,
        },
        { title: t('dashboards:deadlines.title'), dataIndex: 'title', className: 'hf-wrap' },
        {
          title: t('dashboards:deadlines.category'),
          dataIndex: 'category',
          render: (c: string) => t(`tickets:category.${c}`),
        },
        { title: t('dashboards:deadlines.department'), render: (_, r) => r.department.name },
        { title: t('dashboards:deadlines.status'), render: (_, r) => <StatusTag status={r.status} /> },
        { title: t('dashboards:deadlines.sla'), render: (_, r) => <SlaBadge ticket={r} /> },
      ]}
    />
  );
}

/** 工单看板: the tickets the user may see — state now, closed and answered on time in a month. */
export function TicketDashboardPage() {
  const { t } = useTranslation('dashboards');
  const can = useCan();
  const [month, setMonth] = useMonthParam();
  const q = useQuery(ticketDashboardQuery(month));
  const d = q.data;
  // Management and leads read the whole list; a handler their department's inbox.
  const list = can('ticket:read:any') ? '/tickets' : '/tickets/inbox';
  const onTime = d?.respondedOnTimeRate;
  const onTimeRate = onTime?.responded ? onTime.onTime / onTime.responded : null;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<PageTitle title={t('tickets.title')} subtitle={t('tickets.subtitle')} />}
        extra={<MonthPicker month={month} onChange={setMonth} />}
      >
        {q.isError ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : !d ? (
          <Skeleton active paragraph={{ rows: 2 }} data-testid="dashboard-loading" />
        ) : (
          <Row gutter={[16, 16]}>
            <Col xs={24} sm={12} xl={5}>
              <Kpi testId="kpi-overdue" to={`${list}?overdue=true`}>
                <Statistic
                  title={<KpiTitle icon={<WarningOutlined />} text={t('ticketKpi.overdue')} />}
                  value={d.overdue}
                  styles={{ content: { color: d.overdue ? '#cf1322' : undefined } }}
                />
                <Typography.Text type="secondary">{t('ticketKpi.overdueHint')}</Typography.Text>
              </Kpi>
            </Col>
            <Col xs={24} sm={12} xl={5}>
              <Kpi testId="kpi-at-risk">
                <Statistic
                  title={<KpiTitle icon={<FieldTimeOutlined />} text={t('ticketKpi.atRisk')} />}
                  value={d.atRisk}
                  styles={{ content: { color: d.atRisk ? '#d46b08' : undefined } }}
                />
                <Typography.Text type="secondary">{t('ticketKpi.atRiskHint')}</Typography.Text>
              </Kpi>
            </Col>
            <Col xs={24} sm={12} xl={5}>
              <Kpi testId="kpi-due-today" to={`${list}?dueToday=true`}>
                <Statistic
                  title={<KpiTitle icon={<CalendarOutlined />} text={t('ticketKpi.dueToday')} />}
                  value={d.dueToday}
                />
                <Typography.Text type="secondary">{t('ticketKpi.dueTodayHint')}</Typography.Text>
              </Kpi>
            </Col>
            <Col xs={24} sm={12} xl={4}>
              <Kpi testId="kpi-closed">
                <Statistic
                  title={<KpiTitle icon={<CheckCircleOutlined />} text={t('ticketKpi.closed', { month })} />}
                  value={d.closedThisMonth}
                />
              </Kpi>
            </Col>
            <Col xs={24} sm={12} xl={5}>
              <Kpi testId="kpi-on-time">
                <Statistic
                  title={<KpiTitle icon={<ClockCircleOutlined />} text={t('ticketKpi.onTime', { month })} />}
                  value={onTimeRate === null ? '--' : formatPercent(onTimeRate)}
                />
                <Typography.Text type="secondary">
                  {t('ticketKpi.onTimeOf', {
                    onTime: onTime?.onTime ?? 0,
                    responded: onTime?.responded ?? 0,
                  })}
                </Typography.Text>
              </Kpi>
            </Col>
          </Row>
        )}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('ticketChart.byStatus')}
            data-testid="chart-by-status"
            style={{ height: '100%' }}
          >
            {d ? <TicketsByStatusChart rows={d.byStatus} /> : <Skeleton active />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('ticketChart.byCategory')}
            data-testid="chart-by-category"
            style={{ height: '100%' }}
          >
            {d ? <TicketsByCategoryChart rows={d.byCategory} /> : <Skeleton active />}
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('deadlines.heading')}>
            <NextDeadlines />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
