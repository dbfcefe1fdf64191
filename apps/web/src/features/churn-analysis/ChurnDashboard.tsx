import type { TChurnDashboard } from '@huifang/contracts';
import { CHURN_STAGES } from '@huifang/contracts/values';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, TOOLTIP_TEXT } from '../../components/ChartFrame';
import { LoadError } from '../../components/LoadError';
import { api } from '../../lib/api';
import { formatPercent } from '../../lib/format';
import { STAGE_COLORS } from './colors';

export const churnDashboardQuery = (month?: string) =>
  queryOptions({
    queryKey: ['dashboards', 'churn', month ?? 'current'],
    queryFn: ({ signal }) => api<TChurnDashboard>('/dashboards/churn', { query: { month }, signal }),
  });

const OUTCOME_COLOR: Record<string, string> = {
  EFFECTIVE: 'green',
  NOT_EFFECTIVE: 'red',
  INCONCLUSIVE: 'default',
};

/**
 * Churn on a dashboard (docs/rules.md#r-churn-6-churn-dashboard): the churn rate of the 12 months up to
 * `month` stacked by stage, the reasons, the measures on track and overdue, the latest evaluated ones.
 */
export function ChurnDashboard({ month }: { month?: string }) {
  const { t, i18n } = useTranslation('churnWeekly');
  const q = useQuery(churnDashboardQuery(month));
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const stages = [...CHURN_STAGES, 'NONE'] as const;
  const data = (d?.months ?? []).map((m) => ({
    month: m.month.slice(2),
    ...m.byStage,
    // drawn only, never compared
    rate: m.rate.bp === null ? null : m.rate.bp / 100,
  }));
  return (
    <Card
      title={
        d?.department ? t('dashboard.titleDepartment', { name: d.department.name }) : t('dashboard.title')
      }
      loading={q.isPending}
      data-testid="churn-dashboard"
    >
      {d ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Typography.Text strong>{t('dashboard.rate')}</Typography.Text>
            <ChartFrame height={260} testId="churn-rate-chart">
              <ComposedChart data={data} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="month" tick={{ fontSize: 11 }} />
                <YAxis yAxisId="n" allowDecimals={false} tick={{ fontSize: 12 }} />
                <YAxis yAxisId="pct" orientation="right" unit="%" tick={{ fontSize: 12 }} />
                <Tooltip itemStyle={TOOLTIP_TEXT} />
                <Legend />
                {stages.map((s) => (
                  <Bar
                    key={s}
                    yAxisId="n"
                    dataKey={s}
                    stackId="a"
                    name={t(`stage.${s}`)}
                    fill={STAGE_COLORS[s]}
                    maxBarSize={24}
                  />
                ))}
                <Line yAxisId="pct" dataKey="rate" name={t('dashboard.rateLine')} stroke="#cf1322" dot />
              </ComposedChart>
            </ChartFrame>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('dashboard.rateNote')}
            </Typography.Text>
          </Col>
          <Col xs={24} xl={10}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Row gutter={16}>
                <Col span={12}>
                  <Statistic
                    title={t('dashboard.onTrack')}
                    value={d.measures.onTrack}
                    data-testid="measures-on-track"
                  />
                </Col>
                <Col span={12}>
                  <Statistic
                    title={t('dashboard.overdue')}
                    value={d.measures.overdue}
                    styles={{ content: d.measures.overdue > 0 ? { color: '#cf1322' } : undefined }}
                    data-testid="measures-overdue"
                  />
                </Col>
              </Row>
              <div>
                <Typography.Text strong>{t('dashboard.reasons')}</Typography.Text>
                {d.reasons.length === 0 ? (
                  <Empty description={t('none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
                ) : (
                  <List
                    size="small"
                    dataSource={d.reasons.slice(0, 5)}
                    renderItem={(r) => (
                      <List.Item extra={formatPercent(r.shareBp / 10000)}>
                        <Space size={4}>
                          {r.category ? <Tag>{t(`category.${r.category}`)}</Tag> : null}
                          {(i18n.language === 'en' ? (r.labelEn ?? r.label) : r.label) ?? t('noReason')}
                          <Typography.Text type="secondary">{r.n}</Typography.Text>
                        </Space>
                      </List.Item>
                    )}
                  />
                )}
              </div>
              <div>
                <Typography.Text strong>{t('dashboard.evaluated')}</Typography.Text>
                {d.measures.evaluated.length === 0 ? (
                  <Empty description={t('none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
                ) : (
                  <List
                    size="small"
                    dataSource={d.measures.evaluated}
                    renderItem={(m) => (
                      <List.Item>
                        <Space size={4} wrap>
                          <Link to={`/improvement-measures/${m.id}`}>
                            #{m.number} {m.title}
                          </Link>
                          {m.outcome ? (
                            <Tag color={OUTCOME_COLOR[m.outcome]}>{t(`dashboard.outcome.${m.outcome}`)}</Tag>
                          ) : null}
                        </Space>
                      </List.Item>
                    )}
                  />
                )}
              </div>
            </Space>
          </Col>
        </Row>
      ) : null}
    </Card>
  );
}
