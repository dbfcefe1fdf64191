import type { TMeasureEffect } from '@huifang/contracts';
import { Alert, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, TOOLTIP_TEXT } from '../../components/ChartFrame';
import { OutcomeTag } from './StatusTag';

type Metric = TMeasureEffect['metrics'][number];

const VERDICT_COLORS: Record<Metric['verdict'], string> = {
  IMPROVED: 'success',
  WORSENED: 'error',
  UNCHANGED: 'default',
  INCONCLUSIVE: 'warning',
};

/** A figure as shown: a mean in hundredths as 4.32, a share in basis points as 12.50 %, a count as is. */
function shown(m: Metric, v: number | null): string {
  if (v === null) return '—';
  if (m.metric === 'satisfaction') return (v / 100).toFixed(2);
  if (m.metric === 'complaints') return String(v);
  return `${(v / 100).toFixed(2)} %`;
}

function changeShown(m: Metric): string {
  if (m.change === null) return '—';
  const sign = m.change > 0 ? '+' : '';
  if (m.metric === 'satisfaction') return `${sign}${(m.change / 100).toFixed(2)}`;
  if (m.metric === 'complaints') return `${sign}${m.change}`;
  return `${sign}${(m.change / 100).toFixed(2)} pp`;
}

/** The measure's effect: the two windows stated, each metric before and after with its verdict. */
export function EffectCard({ effect }: { effect: TMeasureEffect }) {
  const { t } = useTranslation('measures');
  const w = effect.windows;
  return (
    <Card
      size="small"
      title={t('effect.title')}
      extra={
        <Space size={4} wrap>
          <Typography.Text type="secondary">
            {effect.frozen ? t('effect.frozen') : t('effect.live')}
          </Typography.Text>
          <OutcomeTag outcome={effect.outcome} />
        </Space>
      }
      data-testid="effect-card"
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Typography.Text data-testid="effect-windows">
          {t('effect.windows', {
            bFrom: w.before.from,
            bTo: w.before.to,
            bDays: w.before.days,
            aFrom: w.after.from,
            aTo: w.after.to,
            aDays: w.after.days,
          })}
        </Typography.Text>
        {w.afterCapped ? (
          <Typography.Text type="secondary">
            {t('effect.capped', { days: w.after.days, full: effect.windowDays })}
          </Typography.Text>
        ) : null}
        <Typography.Text type="secondary">
          {t('effect.customers', { count: effect.customers })} · {t('effect.rule')}
        </Typography.Text>
        <Row gutter={[12, 12]}>
          {effect.metrics.map((m) => (
            <Col key={m.metric} xs={24} md={12} xl={8}>
              <MetricPanel m={m} effect={effect} />
            </Col>
          ))}
        </Row>
      </Space>
    </Card>
  );
}

function MetricPanel({ m, effect }: { m: Metric; effect: TMeasureEffect }) {
  const { t } = useTranslation('measures');
  const data = [
    {
      name: t('effect.before'),
      value: m.before === null ? 0 : m.before / (m.metric === 'complaints' ? 1 : 100),
    },
    {
      name: t('effect.after'),
      value: m.after === null ? 0 : m.after / (m.metric === 'complaints' ? 1 : 100),
    },
  ];
  const sample =
    m.metric === 'satisfaction'
      ? `${t('effect.visits', { count: m.beforeSample })} / ${t('effect.visits', { count: m.afterSample })}`
      : t('effect.people', { count: m.beforeSample });
  return (
    <Card
      size="small"
      type="inner"
      title={t(`effect.metric.${m.metric}`)}
      data-testid={`effect-metric-${m.metric}`}
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Typography.Text>
            {t('effect.before')} {shown(m, m.before)} → {t('effect.after')} {shown(m, m.after)}
          </Typography.Text>
          <Typography.Text type="secondary">({changeShown(m)})</Typography.Text>
          <Tag color={VERDICT_COLORS[m.verdict]}>{t(`effect.verdicts.${m.verdict}`)}</Tag>
        </Space>
        <Typography.Text type="secondary">
          {t('effect.sample')}: {sample}
        </Typography.Text>
        {m.why ? (
          <Alert
            type="warning"
            showIcon
            title={t(`effect.why.${m.why}`, {
              min: m.metric === 'satisfaction' ? effect.minVisits : effect.minCustomers,
              before: m.beforeSample,
              after: m.afterSample,
              count: m.beforeSample,
              days: effect.windows.after.days,
            })}
            data-testid="effect-too-small"
          />
        ) : null}
        {m.before === null && m.after === null ? null : (
          <ChartFrame height={140} testId={`effect-chart-${m.metric}`}>
            <BarChart data={data} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" tick={{ fontSize: 12 }} />
              <YAxis tick={{ fontSize: 12 }} />
              <Tooltip itemStyle={TOOLTIP_TEXT} />
              <Bar dataKey="value" fill="#1677ff" isAnimationActive={false} />
            </BarChart>
          </ChartFrame>
        )}
      </Space>
    </Card>
  );
}
