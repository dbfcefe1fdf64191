import type { TEnquiryChannel, TFunnelRow } from '@huifang/contracts';
import { ENQUIRY_CHANNELS, FUNNEL_STAGES } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Empty, Flex, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from '../../components/ChartFrame';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { monthInOrg } from '../../lib/format';
import { useIsPhone } from '../../lib/media';
import { funnelQuery } from './api';
import { EnquiryTabs } from './EnquiryTabs';

type Stage = (typeof FUNNEL_STAGES)[number];
const COLORS: Record<Stage, string> = {
  ENQUIRED: '#91caff',
  ENROLLED: '#1677ff',
  ATTENDED: '#13c2c2',
  COMPLETED: '#52c41a',
  RETAINED: '#722ed1',
};
/** A rate in basis points as a percentage with one decimal (display only; never compared). */
const pct = (bp: number | null) => (bp === null ? '--' : `${(bp / 100).toFixed(1)}%`);

/** 转化漏斗: enquiries → enrolled → attended → completed → renewed or referred, per month and channel. */
export function FunnelPage() {
  const { t } = useTranslation('enquiries');
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? monthInOrg(-11);
  const to = params.get('to') ?? monthInOrg(0);
  const channel = (params.get('channel') as TEnquiryChannel | null) ?? undefined;
  const q = useQuery(funnelQuery({ from, to, channel }));
  const patch = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '') p.delete(k);
      else p.set(k, v);
    }
    setParams(p, { replace: true });
  };
  const stageName = (s: Stage) => t(`stage.${s}`);

  const columns = (first: 'month' | 'channel'): ColumnsType<TFunnelRow> => [
    first === 'month'
      ? { title: t('funnel.month'), dataIndex: 'month', className: 'hf-nowrap', fixed: 'left' }
      : {
          title: t('col.channel'),
          dataIndex: 'channel',
          fixed: 'left',
          render: (c: string) => t(`channel.${c}`),
        },
    ...FUNNEL_STAGES.map((s) => ({
      title: stageName(s),
      key: s,
      align: 'right' as const,
      className: 'hf-nowrap',
      render: (_: unknown, r: TFunnelRow) => (
        <span>
          {r.counts[s]}
          {s !== 'ENQUIRED' ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
              {pct(r.rates[s])}
            </Typography.Text>
          ) : null}
        </span>
      ),
    })),
  ];

  const data = q.data;
  const totalBars = useMemo(
    () =>
      data
        ? FUNNEL_STAGES.map((s) => ({
            stage: t(`stage.${s}`),
            count: data.total.counts[s],
            label:
              s === 'ENQUIRED'
                ? String(data.total.counts[s])
                : `${data.total.counts[s]} · ${pct(data.total.rates[s])}`,
          }))
        : [],
    [data, t],
  );
  const monthBars = useMemo(
    () =>
      data
        ? data.months.map((m) => ({
            month: m.month?.slice(2) ?? '',
            ...Object.fromEntries(FUNNEL_STAGES.map((s) => [s, m.counts[s]])),
          }))
        : [],
    [data],
  );
  const cellsOf = (month: string | null) => (data?.cells ?? []).filter((c) => c.month === month);

  return (
    <Card title={<PageTitle title={t('funnel.title')} subtitle={t('funnel.subtitle')} />}>
      <Flex gap={12} wrap style={{ marginBottom: 12 }} align="center">
        <EnquiryTabs value="funnel" />
        <DatePicker.RangePicker
          picker="month"
          allowClear={false}
          value={[dayjs(`${from}-01`), dayjs(`${to}-01`)]}
          onChange={(v) => {
            if (v?.[0] && v[1]) patch({ from: v[0].format('YYYY-MM'), to: v[1].format('YYYY-MM') });
          }}
          aria-label={t('funnel.period')}
          data-testid="funnel-period"
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('filter.channel')}
          aria-label={t('filter.channel')}
          value={channel}
          onChange={(v) => patch({ channel: v })}
          options={ENQUIRY_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
          data-testid="funnel-channel"
        />
      </Flex>
      {q.isError ? (
        <LoadError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Flex vertical gap={16}>
          <Flex gap={16} wrap>
            <div style={{ flex: '1 1 320px', minWidth: 0 }}>
              <Typography.Title level={2} style={{ fontSize: 16 }}>
                {t('funnel.total')}
              </Typography.Title>
              {data && data.total.counts.ENQUIRED === 0 ? (
                <Empty description={t('funnel.empty')} />
              ) : (
                <ChartFrame height={240} testId="funnel-chart">
                  <BarChart data={totalBars} layout="vertical" margin={{ left: 0, right: phone ? 72 : 88 }}>
                    <XAxis type="number" hide />
                    <YAxis type="category" dataKey="stage" width={phone ? 104 : 120} />
                    <Tooltip />
                    <Bar dataKey="count" name={t('funnel.count')} fill="#1677ff" isAnimationActive={false}>
                      <LabelList dataKey="label" position="right" />
                    </Bar>
                  </BarChart>
                </ChartFrame>
              )}
            </div>
            <div style={{ flex: '2 1 480px', minWidth: 0 }}>
              <Typography.Title level={2} style={{ fontSize: 16 }}>
                {t('funnel.byMonth')}
              </Typography.Title>
              <ChartFrame height={240} testId="funnel-month-chart">
                <BarChart data={monthBars}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="month" />
                  <YAxis allowDecimals={false} width={32} />
                  <Tooltip />
                  <Legend itemSorter={(item) => FUNNEL_STAGES.indexOf(item.dataKey as Stage)} />
                  {FUNNEL_STAGES.map((s) => (
                    <Bar key={s} dataKey={s} name={stageName(s)} fill={COLORS[s]} isAnimationActive={false} />
                  ))}
                </BarChart>
              </ChartFrame>
            </div>
          </Flex>
          <Table<TFunnelRow>
            rowKey={(r) => r.month ?? 'total'}
            size="small"
            loading={q.isLoading}
            columns={columns('month')}
            dataSource={data?.months ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="funnel-table"
            expandable={{
              rowExpandable: (r) => cellsOf(r.month).length > 0,
              expandedRowRender: (r) => (
                <Table<TFunnelRow>
                  rowKey={(c) => `${c.month}-${c.channel}`}
                  size="small"
                  columns={columns('channel')}
                  dataSource={cellsOf(r.month)}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                />
              ),
            }}
            summary={() =>
              data ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} />
                  <Table.Summary.Cell index={1}>
                    <Typography.Text strong>{t('funnel.totalRow')}</Typography.Text>
                  </Table.Summary.Cell>
                  {FUNNEL_STAGES.map((s, i) => (
                    <Table.Summary.Cell key={s} index={i + 2} align="right">
                      <span data-testid={`funnel-total-${s}`}>{data.total.counts[s]}</span>
                      {s !== 'ENQUIRED' ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
                          {pct(data.total.rates[s])}
                        </Typography.Text>
                      ) : null}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              ) : null
            }
          />
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            {t('funnel.byChannel')}
          </Typography.Title>
          <Table<TFunnelRow>
            rowKey={(r) => r.channel ?? 'all'}
            size="small"
            loading={q.isLoading}
            columns={columns('channel')}
            dataSource={[...(data?.channels ?? [])].sort(
              (a, b) =>
                ENQUIRY_CHANNELS.indexOf(a.channel as TEnquiryChannel) -
                ENQUIRY_CHANNELS.indexOf(b.channel as TEnquiryChannel),
            )}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="funnel-channel-table"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('funnel.note')}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
