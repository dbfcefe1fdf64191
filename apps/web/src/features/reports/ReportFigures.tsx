// The generated figures of a report: headline cards, the satisfaction distribution, the
// per-caller table and the top problem categories. Shared by the report page and its print view.
import type { TReportCallerRow, TReportFigures } from '@huifang/contracts';
import { formatBp, formatHundredths } from '@huifang/domain';
import { Card, Col, Descriptions, Empty, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDateTime } from '../../lib/format';

const right = { align: 'right' as const };

function Muted({ children, block }: { children: ReactNode; block?: boolean }) {
  return (
    <Typography.Text type="secondary" style={block ? { display: 'block', marginBottom: 8 } : undefined}>
      {children}
    </Typography.Text>
  );
}

export function FigureCards({ figures }: { figures: TReportFigures }) {
  const { t } = useTranslation('reports');
  const { tasks, satisfaction, inspections, tickets } = figures;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} sm={12} lg={6}>
        <Card size="small" data-testid="figure-completion">
          <Statistic title={t('figures.completion')} value={formatBp(tasks.completion.bp)} />
          <Muted>{t('figures.completionDetail', { done: tasks.done, assigned: tasks.assigned })}</Muted>
        </Card>
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Card size="small" data-testid="figure-satisfaction">
          <Statistic title={t('figures.satisfaction')} value={satisfaction.mean ?? '—'} />
          <Muted>{t('figures.satisfactionDetail', { count: satisfaction.count })}</Muted>
        </Card>
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Card size="small" data-testid="figure-pass-rate">
          <Statistic title={t('figures.passRate')} value={formatBp(inspections.passRate.bp)} />
          <Muted>
            {t('figures.passRateDetail', { passed: inspections.passed, submitted: inspections.submitted })}
          </Muted>
        </Card>
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Card size="small" data-testid="figure-sla">
          <Statistic title={t('figures.onTime')} value={formatBp(tickets.onTime.bp)} />
          <Muted>
            {t('figures.onTimeDetail', { onTime: tickets.respondedOnTime, late: tickets.respondedLate })}
          </Muted>
        </Card>
      </Col>
    </Row>
  );
}

export function TicketFigures({ figures }: { figures: TReportFigures }) {
  const { t } = useTranslation('reports');
  const k = figures.tickets;
  return (
    <Descriptions size="small" column={{ xs: 2, md: 3, lg: 6 }} bordered data-testid="ticket-figures">
      <Descriptions.Item label={t('tickets.created')}>{k.created}</Descriptions.Item>
      <Descriptions.Item label={t('tickets.closed')}>{k.closed}</Descriptions.Item>
      <Descriptions.Item label={t('tickets.onTime')}>{k.respondedOnTime}</Descriptions.Item>
      <Descriptions.Item label={t('tickets.late')}>{k.respondedLate}</Descriptions.Item>
      <Descriptions.Item label={t('tickets.overdueNow')}>{k.overdueNow}</Descriptions.Item>
      <Descriptions.Item label={t('tickets.reopened')}>{k.reopened}</Descriptions.Item>
    </Descriptions>
  );
}

export function SatisfactionChart({ figures, height = 220 }: { figures: TReportFigures; height?: number }) {
  const { t } = useTranslation('reports');
  if (figures.satisfaction.count === 0) return <Empty description={t('figures.noSatisfaction')} />;
  const data = figures.satisfaction.distribution.map((d) => ({
    name: t('figures.score', { score: d.score }),
    count: d.count,
  }));
  return (
    <div style={{ width: '100%', height }} data-testid="satisfaction-chart">
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Bar
            dataKey="count"
            name={t('figures.count')}
            fill="#1677ff"
            maxBarSize={48}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function ProblemList({ figures }: { figures: TReportFigures }) {
  const { t } = useTranslation('reports');
  const rows = [
    ...figures.problems.map((p) => ({
      key: `c-${p.category}`,
      label: t(`category.${p.category}`),
      count: p.count,
      kind: 'c',
    })),
  ];
  const findings = figures.inspections.findings;
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rows}
          locale={{ emptyText: t('common:empty') }}
          columns={[
            { title: t('figures.problemCategory'), dataIndex: 'label' },
            { title: t('figures.tickets'), dataIndex: 'count', ...right },
          ]}
          data-testid="problem-table"
        />
      </Col>
      <Col xs={24} md={12}>
        <div style={{ paddingTop: 4 }} data-testid="finding-tags">
          <Muted block>{t('figures.findings')}</Muted>
          {findings.length === 0
            ? t('common:empty')
            : findings.map((f) => (
                <Tag key={f.finding} color="orange">
                  {t(`finding.${f.finding}`)} × {f.count}
                </Tag>
              ))}
        </div>
      </Col>
    </Row>
  );
}

export function CallerTable({ figures }: { figures: TReportFigures }) {
  const { t } = useTranslation('reports');
  const columns: ColumnsType<TReportCallerRow> = [
    { title: t('callers.name'), dataIndex: 'name' },
    { title: t('callers.assigned'), dataIndex: 'assigned', ...right },
    { title: t('callers.done'), dataIndex: 'done', ...right },
    {
      title: t('callers.completion'),
      dataIndex: 'completionBp',
      ...right,
      render: (v: number | null) => formatBp(v),
    },
    {
      title: t('callers.satisfaction'),
      dataIndex: 'satisfactionMean',
      ...right,
      render: (v: number | null) => formatHundredths(v) ?? '—',
    },
    { title: t('callers.inspected'), dataIndex: 'inspected', ...right },
    { title: t('callers.passed'), dataIndex: 'passed', ...right },
    {
      title: t('callers.passRate'),
      dataIndex: 'passRateBp',
      ...right,
      render: (v: number | null) => formatBp(v),
    },
  ];
  return (
    <Table<TReportCallerRow>
      size="small"
      rowKey="userId"
      pagination={false}
      columns={columns}
      dataSource={figures.callers}
      locale={{ emptyText: t('common:empty') }}
      data-testid="caller-table"
    />
  );
}

export function ComputedAt({ figures }: { figures: TReportFigures }) {
  const { t } = useTranslation('reports');
  return <Muted>{t('figures.computedAt', { at: formatDateTime(figures.computedAt) })}</Muted>;
}
