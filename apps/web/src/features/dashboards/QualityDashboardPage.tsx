import {
  AuditOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import type { TPermission } from '@huifang/contracts';
import { ratioAtLeast } from '@huifang/domain';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { useCan } from '../../lib/auth';
import { formatPercent, formatTime } from '../../lib/format';
import { qualityDashboardQuery } from './api';
import { FindingsChart, PassRateByCallerChart, PassRateTrendChart } from './charts';
import { MonthPicker, useMonthParam } from './month';

const rate = (passed: number, inspected: number) => (inspected ? passed / inspected : null);

/** A KPI card; the whole card opens its list when the user may open that list. */
function Kpi({
  testId,
  to,
  permission,
  children,
}: {
  testId: string;
  to: string;
  permission: TPermission | readonly TPermission[];
  children: ReactNode;
}) {
  const can = useCan();
  const card = (
    <Card size="small" hoverable={can(permission)} data-testid={testId} style={{ height: '100%' }}>
      {children}
    </Card>
  );
  return can(permission) ? (
    <Link to={to} style={{ display: 'block', height: '100%' }}>
      {card}
    </Link>
  ) : (
    card
  );
}

function ChartCard({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} data-testid={testId} style={{ height: '100%' }}>
      {children}
    </Card>
  );
}

/** 质检看板: inspection backlog, pass rate by caller and over six months, findings, appeals and reports waiting. */
export function QualityDashboardPage() {
  const { t } = useTranslation('dashboards');
  const [month, setMonth] = useMonthParam();
  const q = useQuery(qualityDashboardQuery(month));
  const d = q.data;
  const current = d?.passRateTrend.find((m) => m.month === d.month);
  const monthRate = current ? rate(current.passed, current.inspected) : null;
  // the incentive policy's target for the month, as a fraction (for display)
  const target = d ? d.passRateTargetBp / 10000 : null;
  // met or not, decided on the counts exactly — never on the rounded or floating rate
  const met =
    d && current && current.inspected > 0
      ? ratioAtLeast(current.passed, current.inspected, d.passRateTargetBp, 10000)
      : null;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<PageTitle title={t('quality.title')} subtitle={t('quality.subtitle')} />}
        extra={
          <Space>
            {d ? (
              // the figures are shared for a minute by everyone who opens the dashboard
              <Tag color="blue" data-testid="figures-source">
                {t('kpi:liveAsOf', { time: formatTime(d.asOf) })}
              </Tag>
            ) : null}
            <MonthPicker month={month} onChange={setMonth} />
          </Space>
        }
      >
        {q.isError ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : !d ? (
          <Skeleton active paragraph={{ rows: 2 }} data-testid="dashboard-loading" />
        ) : (
          <Row gutter={[16, 16]}>
            <Col xs={24} sm={12} xl={6}>
              <Kpi
                testId="kpi-backlog"
                to="/inspections"
                permission={['inspection:perform', 'inspection:read:any']}
              >
                <Statistic
                  title={
                    <Space size={6}>
                      <FileSearchOutlined />
                      {t('kpi.backlog')}
                    </Space>
                  }
                  value={d.inspectionBacklog.pending + d.inspectionBacklog.inProgress}
                />
                <Typography.Text type="secondary">
                  {t('kpi.backlogSplit', {
                    pending: d.inspectionBacklog.pending,
                    inProgress: d.inspectionBacklog.inProgress,
                  })}
                </Typography.Text>
              </Kpi>
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Kpi
                testId="kpi-pass-rate"
                to="/inspections"
                permission={['inspection:perform', 'inspection:read:any']}
              >
                <Statistic
                  title={
                    <Space size={6}>
                      <SafetyCertificateOutlined />
                      {t('kpi.passRate', { month: d.month })}
                    </Space>
                  }
                  value={monthRate === null ? '--' : formatPercent(monthRate)}
                  styles={{
                    content: {
                      color: met === null ? undefined : met ? '#237804' : '#cf1322',
                    },
                  }}
                  suffix={
                    <Tag color="blue" style={{ marginLeft: 8 }} data-testid="kpi-target">
                      {t('kpi.target', {
                        rate:
                          target === null
                            ? '--'
                            : formatPercent(target, target * 100 === Math.round(target * 100) ? 0 : 2),
                      })}
                    </Tag>
                  }
                />
                <Typography.Text type="secondary">
                  {t('kpi.passedOf', { passed: current?.passed ?? 0, inspected: current?.inspected ?? 0 })}
                </Typography.Text>
              </Kpi>
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Kpi testId="kpi-appeals" to="/appeals" permission="appeal:decide">
                <Statistic
                  title={
                    <Space size={6}>
                      <AuditOutlined />
                      {t('kpi.appeals')}
                    </Space>
                  }
                  value={d.appealsWaiting}
                />
                <Typography.Text type="secondary">{t('kpi.appealsHint')}</Typography.Text>
              </Kpi>
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Kpi testId="kpi-reports" to="/reports" permission="report:read">
                <Statistic
                  title={
                    <Space size={6}>
                      <FileDoneOutlined />
                      {t('kpi.reports')}
                    </Space>
                  }
                  value={d.reportsWaiting}
                />
                <Typography.Text type="secondary">{t('kpi.reportsHint')}</Typography.Text>
              </Kpi>
            </Col>
          </Row>
        )}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard title={t('chart.byCaller', { month })} testId="chart-by-caller">
            {d ? (
              <PassRateByCallerChart rows={d.passRateByCaller} targetBp={d.passRateTargetBp} />
            ) : (
              <Skeleton active />
            )}
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t('chart.trend')} testId="chart-trend">
            {d ? (
              <PassRateTrendChart rows={d.passRateTrend} targetBp={d.passRateTargetBp} />
            ) : (
              <Skeleton active />
            )}
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t('chart.findings', { month })} testId="chart-findings">
            {d ? <FindingsChart rows={d.findings} /> : <Skeleton active />}
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t('backlog.title')} testId="backlog-by-inspector">
            {d ? (
              <Table
                size="small"
                rowKey="inspectorId"
                pagination={false}
                dataSource={d.inspectionBacklog.byInspector}
                locale={{ emptyText: t('backlog.empty') }}
                columns={[
                  { title: t('backlog.inspector'), dataIndex: 'name' },
                  { title: t('backlog.pending'), dataIndex: 'pending', align: 'right' },
                  { title: t('backlog.inProgress'), dataIndex: 'inProgress', align: 'right' },
                ]}
              />
            ) : (
              <Skeleton active />
            )}
          </ChartCard>
        </Col>
      </Row>
    </Space>
  );
}
