import type { TCadenceForecast } from '@huifang/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { api } from '../../lib/api';
import { formatNumber, todayInOrg } from '../../lib/format';

const forecastQuery = (year: number) =>
  queryOptions({
    queryKey: ['cadence-rules', 'forecast', year],
    queryFn: ({ signal }) => api<TCadenceForecast>('/cadence-rules/forecast', { query: { year }, signal }),
  });

type Row = TCadenceForecast['rules'][number];

/**
 * 年度回访计划 (docs/rules.md#r-cad-5-the-annual-view): per month, the visits each rule asks for from
 * the events recorded so far, with the total and the load per caller.
 */
export function AnnualView() {
  const { t } = useTranslation('cadence');
  const [year, setYear] = useState(() => Number(todayInOrg().slice(0, 4)));
  const f = useQuery(forecastQuery(year));
  const months = f.data?.months ?? [];
  const totals = months.map((_, i) =>
    (f.data?.rules ?? []).reduce((sum, r) => sum + (r.perMonth[i] ?? 0), 0),
  );
  const callers = f.data?.callers ?? 0;
  return (
    <Card
      title={
        <Space orientation="vertical" size={0}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 16 }}>
            {t('annual.title')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', whiteSpace: 'normal' }}>
            {t('annual.subtitle', { events: formatNumber(f.data?.events ?? 0) })}
          </Typography.Text>
        </Space>
      }
      extra={
        <DatePicker
          picker="year"
          allowClear={false}
          value={dayjs(`${year}-01-01`)}
          onChange={(d) => d && setYear(d.year())}
          aria-label={t('annual.year')}
          data-testid="annual-year"
        />
      }
      data-testid="annual-view"
    >
      {f.isError ? (
        <LoadError error={f.error} onRetry={() => void f.refetch()} />
      ) : (
        <Table<Row>
          rowKey="id"
          size="small"
          loading={f.isPending}
          dataSource={f.data?.rules ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('col.name'),
              key: 'name',
              fixed: 'left',
              render: (_: unknown, r) => (
                <Space size={4}>
                  {r.name}
                  {r.standing ? null : <Tag>{t('annual.proposals')}</Tag>}
                </Space>
              ),
            },
            ...months.map((m, i) => ({
              title: t('annual.month', { n: Number(m.slice(5)) }),
              key: m,
              align: 'right' as const,
              render: (_: unknown, r: Row) => formatNumber(r.perMonth[i] ?? 0),
            })),
            {
              title: t('annual.total'),
              key: 'total',
              align: 'right' as const,
              render: (_: unknown, r: Row) => formatNumber(r.total),
            },
          ]}
          summary={() =>
            f.data ? (
              <>
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{t('annual.all')}</Typography.Text>
                  </Table.Summary.Cell>
                  {totals.map((n, i) => (
                    <Table.Summary.Cell key={months[i]} index={i + 1} align="right">
                      <Typography.Text strong>{formatNumber(n)}</Typography.Text>
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={13} align="right">
                    <Typography.Text strong data-testid="annual-total">
                      {formatNumber(totals.reduce((a, b) => a + b, 0))}
                    </Typography.Text>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('annual.perCaller', { n: callers })}</Table.Summary.Cell>
                  {totals.map((n, i) => (
                    <Table.Summary.Cell key={months[i]} index={i + 1} align="right">
                      {callers ? formatNumber(n / callers, 1) : '--'}
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={13} align="right">
                    {callers ? formatNumber(totals.reduce((a, b) => a + b, 0) / callers, 1) : '--'}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              </>
            ) : null
          }
          data-testid="annual-table"
        />
      )}
    </Card>
  );
}
