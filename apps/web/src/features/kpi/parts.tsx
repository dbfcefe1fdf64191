import {
  CheckCircleOutlined,
  SafetyCertificateOutlined,
  SmileOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { TGrade, TIncentivePolicyValues, TKpiResult, TTargetState } from '@huifang/contracts';
import { scoreExplanation } from '@huifang/domain';
import { Badge, Card, Progress, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { bp, hundredths } from './format';

/** Grade colours: white text on each at 4.5:1 or more (a Tag of a custom colour is solid). */
export const GRADE_COLORS: Record<TGrade, string> = {
  A: '#237804',
  B: '#006d75',
  C: '#0958d9',
  D: '#ad4e00',
  E: '#cf1322',
};
const STATE_COLORS: Record<TTargetState, string> = {
  MET: '#237804',
  MISSED: '#cf1322',
  UNMEASURED: 'rgba(0, 0, 0, 0.6)',
};
const STATE_BADGE = { MET: 'success', MISSED: 'error', UNMEASURED: 'default' } as const;

/**
 * "A · 优秀"; "--" for a month without anything to grade. `provisional`: the month is in progress
 * and the grade is on what was due so far (docs/rules.md#r-kpi-12-a-month-in-progress).
 */
export function GradeTag({
  grade,
  testId,
  provisional = false,
}: {
  grade: TGrade | null;
  testId?: string;
  provisional?: boolean;
}) {
  const { t } = useTranslation('kpi');
  if (!grade)
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {t('grade.none')}
      </Typography.Text>
    );
  const tag = (
    <Tag color={GRADE_COLORS[grade]} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {t('grade.label', { letter: grade, name: t(`grade.${grade}`) })}
    </Tag>
  );
  if (!provisional) return tag;
  return (
    <Space size={4} wrap={false}>
      {tag}
      <Tooltip title={t('provisionalHint')}>
        <Tag bordered={false} style={{ marginInlineEnd: 0 }} data-testid="grade-provisional">
          {t('provisional')}
        </Tag>
      </Tooltip>
    </Space>
  );
}

/** The names of dimensions, joined in the language's way. */
export function useDimensionNames() {
  const { t } = useTranslation('kpi');
  return (keys: readonly string[]) => keys.map((k) => t(`dimension.${k}`)).join(t('listSeparator'));
}

/** "重新加权" beside a score re-weighted over fewer than the six dimensions, naming those not assessed. */
export function ReweightedTag({ unassessed, weight }: { unassessed: readonly string[]; weight: number }) {
  const { t } = useTranslation('kpi');
  const names = useDimensionNames();
  if (unassessed.length === 0 || weight === 0) return null;
  return (
    <Tooltip title={t('reweightedHint', { dims: names(unassessed), weight })}>
      <Tag
        bordered={false}
        color="gold"
        style={{ marginInlineStart: 6, marginInlineEnd: 0 }}
        data-testid="reweighted"
      >
        {t('reweighted')}
      </Tag>
    </Tooltip>
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
  // the value on its line and the target beneath it, so that a column is as wide as the longer
  // of the two (four columns fit half a 1440 px page in either language)
  return (
    <Tooltip title={t(`state.${light.state}`)}>
      <span data-testid={testId} data-state={light.state} style={{ display: 'inline-block' }}>
        <Badge
          status={STATE_BADGE[light.state]}
          text={<span style={{ fontVariantNumeric: 'tabular-nums' }}>{format(light.value)}</span>}
          className="hf-nowrap"
        />
        <Typography.Text type="secondary" className="hf-nowrap" style={{ display: 'block', fontSize: 12 }}>
          {t('target', { value: format(light.target) })}
        </Typography.Text>
      </span>
    </Tooltip>
  );
}

/** The charts' height (charts.tsx), the same with or without figures, so that nothing moves when they come. */
export const CHART_HEIGHT = 260;

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
      <Progress
        percent={percent}
        size="small"
        showInfo={false}
        style={{ width: 120, margin: 0 }}
        aria-label={t('days', { elapsed: days.elapsed, total: days.total })}
      />
    </Space>
  );
}

/**
 * The 100-point score's six dimensions: weight, how measured, rate and points; those not assessed
 * said so; then how the score was earned (packages/domain `scoreExplanation`): the points lost, the
 * re-weighting, the grade's band, and why a grade and a missed target can stand side by side.
 */
export function DimensionsTable({
  kpi,
  gradeBands,
}: {
  kpi: TKpiResult;
  gradeBands?: TIncentivePolicyValues['gradeBands'];
}) {
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
          {t('dimensions.rescaled', { weight: kpi.assessedWeight })}
        </Typography.Text>
      ) : null}
      {gradeBands ? <ScoreExplanation kpi={kpi} gradeBands={gradeBands} /> : null}
    </Space>
  );
}

function ScoreExplanation({
  kpi,
  gradeBands,
}: {
  kpi: TKpiResult;
  gradeBands: TIncentivePolicyValues['gradeBands'];
}) {
  const { t } = useTranslation('kpi');
  const names = useDimensionNames();
  const e = scoreExplanation(kpi, gradeBands);
  const score = hundredths(kpi.scoreHundredths);
  const grade = kpi.grade ? t('grade.label', { letter: kpi.grade, name: t(`grade.${kpi.grade}`) }) : '';
  const lines: { id: string; text: string }[] = [];
  if (kpi.scoreHundredths === null) lines.push({ id: 'none', text: t('explain.noScore') });
  else {
    lines.push({
      id: 'sum',
      text: t('explain.sum', { weight: e.assessedWeight, points: hundredths(e.pointsSumHundredths) }),
    });
    lines.push(
      e.lost.length
        ? {
            id: 'lost',
            text: t('explain.lostList', {
              list: e.lost
                .map((l) =>
                  t('explain.lost', {
                    dim: t(`dimension.${l.key}`),
                    lost: hundredths(l.lostHundredths),
                    rate: bp(l.rateBp),
                  }),
                )
                .join(t('listSeparator')),
            }),
          }
        : { id: 'lost', text: t('explain.noneLost') },
    );
    lines.push(
      e.reweighted
        ? {
            id: 'reweighted',
            text: t('explain.reweighted', {
              dims: names(e.unassessed),
              points: hundredths(e.pointsSumHundredths),
              weight: e.assessedWeight,
              score,
            }),
          }
        : { id: 'full', text: t('explain.full', { score }) },
    );
    lines.push({
      id: 'grade',
      text:
        e.gradeAbove === null
          ? t('explain.gradeE', { score, band: hundredths(gradeBands.D), grade })
          : t('explain.grade', { score, band: hundredths(e.gradeAbove), grade }),
    });
    lines.push({ id: 'targets', text: t('explain.targetsSeparate') });
  }
  return (
    <Card size="small" type="inner" title={t('explain.title')} data-testid="score-explanation">
      <Space orientation="vertical" size={4}>
        {lines.map((l) => (
          <Typography.Text key={l.id} data-testid={`explain-${l.id}`}>
            {l.text}
          </Typography.Text>
        ))}
      </Space>
    </Card>
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
