import {
  CheckCircleOutlined,
  SafetyCertificateOutlined,
  SmileOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { TGrade, TKpiResult, TTargetState } from '@huifang/contracts';
import { Badge, Card, Progress, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { bp, hundredths } from './format';

export const GRADE_COLORS: Record<TGrade, string> = {
  A: '#389e0d',
  B: '#13c2c2',
  C: '#1677ff',
  D: '#fa8c16',
  E: '#cf1322',
};
const STATE_COLORS: Record<TTargetState, string> = {
  MET: '#389e0d',
  MISSED: '#cf1322',
  UNMEASURED: '#8c8c8c',
};
const STATE_BADGE = { MET: 'success', MISSED: 'error', UNMEASURED: 'default' } as const;

/** "A · 优秀"; "--" for a month without anything to grade. */
export function GradeTag({ grade, testId }: { grade: TGrade | null; testId?: string }) {
  const { t } = useTranslation('kpi');
  if (!grade)
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {t('grade.none')}
      </Typography.Text>
    );
  return (
    <Tag color={GRADE_COLORS[grade]} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {t('grade.label', { letter: grade, name: t(`grade.${grade}`) })}
    </Tag>
  );
}

/** A KPI card: the figure coloured by its target state, the target beside it, a line of detail under it. */
export function TargetCard({
  testId,
  title,
  value,
  state,
  target,
  detail,
}: {
  testId: string;
  title: ReactNode;
  value: string;
  state?: TTargetState;
  target?: string;
  detail?: ReactNode;
}) {
  const { t } = useTranslation('kpi');
  return (
    <Card size="small" data-testid={testId} style={{ height: '100%' }}>
      <Statistic
        title={title}
        value={value}
        styles={{ content: { color: state ? STATE_COLORS[state] : undefined } }}
        suffix={
          target ? (
            <Tag color="blue" style={{ marginLeft: 8 }} data-testid={`${testId}-target`}>
              {t('target', { value: target })}
            </Tag>
          ) : undefined
        }
      />
      {detail ? <Typography.Text type="secondary">{detail}</Typography.Text> : null}
    </Card>
  );
}

/** A department's target as a traffic light: green met, red missed, grey not measured; value vs target. */
export function TrafficLight({
  light,
  format,
  testId,
}: {
  light: { value: number | null; target: number; state: TTargetState };
  format: (v: number | null) => string;
  testId?: string;
}) {
  const { t } = useTranslation('kpi');
  return (
    <Tooltip title={t(`state.${light.state}`)}>
      <span data-testid={testId} data-state={light.state} style={{ whiteSpace: 'nowrap' }}>
        <Badge
          status={STATE_BADGE[light.state]}
          text={
            <span style={{ fontVariantNumeric: 'tabular-nums' }}>
              {t('valueOfTarget', { value: format(light.value), target: format(light.target) })}
            </span>
          }
        />
      </span>
    </Tooltip>
  );
}

export function ChartCard({
  title,
  testId,
  extra,
  children,
}: {
  title: ReactNode;
  testId: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card size="small" title={title} extra={extra} data-testid={testId} style={{ height: '100%' }}>
      {children}
    </Card>
  );
}

/** Day x of y of the month, organisation time. */
export function DaysProgress({ days }: { days: { elapsed: number; total: number } }) {
  const { t } = useTranslation('kpi');
  const percent = days.total ? Math.round((days.elapsed / days.total) * 100) : 0;
  return (
    <Space size={8} data-testid="days-progress">
      <Typography.Text type="secondary">
        {t('days', { elapsed: days.elapsed, total: days.total })}
      </Typography.Text>
      <Progress percent={percent} size="small" showInfo={false} style={{ width: 120, margin: 0 }} />
    </Space>
  );
}

/** The 100-point score's six dimensions: weight, how measured, rate and points; unmeasured ones said so. */
export function DimensionsTable({ kpi }: { kpi: TKpiResult }) {
  const { t } = useTranslation('kpi');
  const rescaled = kpi.dimensions.some((d) => !d.measured) && kpi.scoreHundredths !== null;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={kpi.dimensions}
        data-testid="dimensions"
        onRow={(d) => ({ 'data-testid': `dimension-${d.key}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('dimensions.name'),
            dataIndex: 'key',
            width: 120,
            render: (k: string) => <Typography.Text strong>{t(`dimension.${k}`)}</Typography.Text>,
          },
          {
            title: t('dimensions.measure'),
            dataIndex: 'key',
            key: 'measure',
            render: (k: string) => <Typography.Text type="secondary">{t(`measure.${k}`)}</Typography.Text>,
          },
          { title: t('dimensions.weight'), dataIndex: 'weight', align: 'right', width: 70 },
          {
            title: t('dimensions.rate'),
            dataIndex: 'rateBp',
            align: 'right',
            width: 110,
            render: (v: number | null, d) =>
              d.measured ? bp(v) : <Tag data-testid="not-measured">{t('dimensions.notMeasured')}</Tag>,
          },
          {
            title: t('dimensions.points'),
            dataIndex: 'pointsHundredths',
            align: 'right',
            width: 110,
            render: (v: number | null, d) => (d.measured ? `${hundredths(v)} / ${d.weight}` : '--'),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={4}>
              <Typography.Text strong>{t('dimensions.total')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              <Typography.Text strong data-testid="dimensions-total">
                {hundredths(kpi.scoreHundredths)}
              </Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      {rescaled ? (
        <Typography.Text type="secondary" data-testid="rescaled-note">
          {t('dimensions.rescaled')}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

type Metric = 'completion' | 'passRate' | 'satisfaction' | 'score';
const METRICS: Record<
  Metric,
  { testId: string; icon: ReactNode; format: (v: number | null | undefined) => string }
> = {
  completion: { testId: 'kpi-completion', icon: <CheckCircleOutlined />, format: bp },
  passRate: { testId: 'kpi-pass-rate', icon: <SafetyCertificateOutlined />, format: bp },
  satisfaction: { testId: 'kpi-satisfaction', icon: <SmileOutlined />, format: hundredths },
  score: { testId: 'kpi-score', icon: <TrophyOutlined />, format: hundredths },
};

/**
 * One of the headline figures (completion, pass rate, satisfaction, score) as a TargetCard: its
 * icon, label, unit and — when a target is given — the colour of its target state. The state is
 * decided on the counts (packages/domain `targetStates`, or the API's), never on the rounded
 * figure shown: 4.495 shows as 4.50 and still misses a 4.50 target.
 */
export function MetricCard({
  metric,
  value,
  target,
  state,
  detail,
}: {
  metric: Metric;
  value: number | null | undefined;
  target?: number;
  state?: TTargetState;
  detail?: ReactNode;
}) {
  const { t } = useTranslation('kpi');
  const m = METRICS[metric];
  return (
    <TargetCard
      testId={m.testId}
      title={
        <Space size={6}>
          {m.icon}
          {t(`metric.${metric}`)}
        </Space>
      }
      value={m.format(value)}
      state={target === undefined ? undefined : state}
      target={target === undefined ? undefined : m.format(target)}
      detail={detail}
    />
  );
}
