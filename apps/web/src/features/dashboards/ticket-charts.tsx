import type { TTicketDashboard } from '@huifang/contracts';
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from '../../components/ChartFrame';

const HEIGHT = 260;

function NoData({ text }: { text: string }) {
  return (
    <div style={{ height: HEIGHT, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} data-testid="chart-empty" />
    </div>
  );
}

/** Tickets per status, in workflow order. */
export function TicketsByStatusChart({ rows }: { rows: TTicketDashboard['byStatus'] }) {
  const { t } = useTranslation(['dashboards', 'tickets']);
  if (!rows.some((r) => r.count > 0)) return <NoData text={t('dashboards:ticketChart.noTickets')} />;
  const data = rows.map((r) => ({ ...r, label: t(`tickets:status.${r.status}`) }));
  return (
    <ChartFrame height={HEIGHT}>
      <BarChart data={data} margin={{ top: 16, right: 16, left: -8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={0} />
        <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Bar dataKey="count" name={t('dashboards:ticketChart.count')} fill="#1677ff" maxBarSize={40} />
      </BarChart>
    </ChartFrame>
  );
}

/** Tickets per category, not closed yet and closed, stacked. */
export function TicketsByCategoryChart({ rows }: { rows: TTicketDashboard['byCategory'] }) {
  const { t } = useTranslation(['dashboards', 'tickets']);
  if (!rows.some((r) => r.open + r.closed > 0))
    return <NoData text={t('dashboards:ticketChart.noTickets')} />;
  const data = rows.map((r) => ({ ...r, label: t(`tickets:category.${r.category}`) }));
  return (
    <ChartFrame height={HEIGHT}>
      <BarChart data={data} margin={{ top: 16, right: 16, left: -8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={0} />
        <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Legend />
        <Bar
          dataKey="open"
          stackId="c"
          name={t('dashboards:ticketChart.open')}
          fill="#fa8c16"
          maxBarSize={40}
        />
        <Bar
          dataKey="closed"
          stackId="c"
          name={t('dashboards:ticketChart.closed')}
          fill="#52c41a"
          maxBarSize={40}
        />
      </BarChart>
    </ChartFrame>
  );
}
