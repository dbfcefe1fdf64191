import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import type { TCadenceWeekly, TCadenceWeeklyCounts } from '@huifang/contracts';
import { addWeeks, isoWeekBounds, isoWeekOf } from '@huifang/domain';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from '../../components/ChartFrame';
import { LoadError } from '../../components/LoadError';
import { api } from '../../lib/api';
import { formatNumber, formatPercent, todayInOrg } from '../../lib/format';

const weeklyQuery = (week: string) =>
  queryOptions({
    queryKey: ['cadence-rules', 'weekly', week],
    queryFn: ({ signal }) => api<TCadenceWeekly>('/cadence-rules/weekly', { query: { week }, signal }),
  });

type Row = TCadenceWeekly['rules'][number];
type CountKey = Exclude<keyof TCadenceWeeklyCounts, 'responseRate'>;
const COLUMNS: CountKey[] = [
  'due',
  'made',
  'done',
  'unreachable',
  'suppressed',
  'postponed',
  'withdrawn',
  'planned',
  'linksSent',
  'linksAnswered',
];
const rate = (c: TCadenceWeeklyCounts) =>
  c.responseRate.bp === null ? '--' : formatPercent(c.responseRate.bp / 10000);

/**
 * 每周回访统计 (docs/rules.md#r-cad-9-weekly-figures): the week's visits of each rule and what became of
 * them, the survey links sent that week and the online response rate, and the 8 weeks up to it.
 */
export function WeeklyFigures() {
  const { t } = useTranslation('cadenceWeekly');
  const [week, setWeek] = useState(() => isoWeekOf(todayInOrg()));
  const f = useQuery(weeklyQuery(week));
  const bounds = isoWeekBounds(week)!;
  const trend = (f.data?.trend ?? []).map((w) => ({
    week: w.week.slice(5),
    due: w.due,
    done: w.done,
    // the chart's own percentage, only drawn; never compared
    rate: w.responseRate.bp === null ? null : w.responseRate.bp / 100,
  }));
  return (
    <Card
      title={
        <Space orientation="vertical" size={0}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 16 }}>
            {t('title')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', whiteSpace: 'normal' }}>
            {t('subtitle')}
          </Typography.Text>
        </Space>
      }
      data-testid="weekly-figures"
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space size={4} wrap>
          <Button
            icon={<LeftOutlined />}
            aria-label={t('previous')}
            onClick={() => setWeek(addWeeks(week, -1))}
            data-testid="weekly-prev"
          />
          <DatePicker
            picker="week"
            allowClear={false}
            value={dayjs(bounds.first)}
            format={() => t('weekLabel', { week, first: bounds.first.slice(5), last: bounds.last.slice(5) })}
            onChange={(d) => d && setWeek(isoWeekOf(d.format('YYYY-MM-DD')))}
            aria-label={t('week')}
            style={{ width: 240 }}
            data-testid="weekly-week"
          />
          <Button
            icon={<RightOutlined />}
            aria-label={t('next')}
            onClick={() => setWeek(addWeeks(week, 1))}
            data-testid="weekly-next"
          />
        </Space>
        {f.isError ? (
          <LoadError error={f.error} onRetry={() => void f.refetch()} />
        ) : (
          <>
            <Table<Row>
              rowKey="id"
              size="small"
              loading={f.isPending}
              dataSource={f.data?.rules ?? []}
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('col.rule'), dataIndex: 'name', key: 'name', fixed: 'left' },
                ...COLUMNS.map((k) => ({
                  title: t(`col.${k}`),
                  key: k,
                  align: 'right' as const,
                  render: (_: unknown, r: Row) => formatNumber(r[k]),
                })),
                {
                  title: t('col.responseRate'),
                  key: 'responseRate',
                  align: 'right' as const,
                  render: (_: unknown, r: Row) => rate(r),
                },
              ]}
              summary={() =>
                f.data ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <Typography.Text strong>{t('total')}</Typography.Text>
                    </Table.Summary.Cell>
                    {COLUMNS.map((k, i) => (
                      <Table.Summary.Cell key={k} index={i + 1} align="right">
                        <Typography.Text strong data-testid={`weekly-total-${k}`}>
                          {formatNumber(f.data.total[k])}
                        </Typography.Text>
                      </Table.Summary.Cell>
                    ))}
                    <Table.Summary.Cell index={COLUMNS.length + 1} align="right">
                      <Typography.Text strong data-testid="weekly-total-rate">
                        {rate(f.data.total)}
                      </Typography.Text>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
              data-testid="weekly-table"
            />
            {f.data && f.data.outsideRules.linksSent > 0 ? (
              <Typography.Text type="secondary" data-testid="weekly-outside">
                {t('outside', {
                  sent: f.data.outsideRules.linksSent,
                  answered: f.data.outsideRules.linksAnswered,
                  rate:
                    f.data.outsideRules.responseRate.bp === null
                      ? '--'
                      : formatPercent(f.data.outsideRules.responseRate.bp / 10000),
                })}
              </Typography.Text>
            ) : null}
            <Typography.Text strong>{t('trend')}</Typography.Text>
            <ChartFrame height={220} testId="weekly-trend">
              <ComposedChart data={trend} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="week" tick={{ fontSize: 12 }} />
                <YAxis yAxisId="n" allowDecimals={false} tick={{ fontSize: 12 }} />
                <YAxis yAxisId="pct" orientation="right" domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
                <Tooltip />
                <Legend />
                <Bar yAxisId="n" dataKey="due" name={t('col.due')} fill="#91caff" maxBarSize={28} />
                <Bar yAxisId="n" dataKey="done" name={t('col.done')} fill="#52c41a" maxBarSize={28} />
                <Line
                  yAxisId="pct"
                  dataKey="rate"
                  name={t('col.responseRate')}
                  stroke="#722ed1"
                  connectNulls={false}
                  dot
                />
              </ComposedChart>
            </ChartFrame>
          </>
        )}
      </Space>
    </Card>
  );
}
