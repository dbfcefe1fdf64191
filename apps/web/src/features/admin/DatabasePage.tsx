import type { TStatementStat } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../lib/format';
import { statementsQuery } from './api';

/** Milliseconds for reading: "12.3 ms", "4.56 s". */
function duration(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

const count = (n: number) => n.toLocaleString('en-US');

/** The administrator's view of what takes the database's time (docs/performance.md, database health). */
export function DatabasePage() {
  const { t } = useTranslation('admin');
  const stats = useQuery(statementsQuery);
  const d = stats.data;
  return (
    <Card title={<PageTitle title={t('database.title')} subtitle={t('database.intro')} />}>
      {stats.isError ? <LoadError error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {d && !d.available && d.reason ? (
        <Alert
          type="warning"
          showIcon
          title={t(`database.unavailable.${d.reason}`)}
          data-testid="statements-unavailable"
        />
      ) : null}
      {d?.since ? (
        <Typography.Paragraph type="secondary" data-testid="statements-since">
          {t('database.since', { at: formatDateTime(d.since) })}
        </Typography.Paragraph>
      ) : null}
      {!d || d.available ? (
        <Table<TStatementStat>
          rowKey="id"
          size="small"
          loading={stats.isLoading}
          dataSource={d?.statements}
          pagination={false}
          data-testid="statements"
          locale={{ emptyText: t('database.empty') }}
          columns={[
            {
              title: t('database.statement'),
              key: 'query',
              render: (_, r) => (
                <Typography.Text
                  code
                  style={{ fontSize: 12, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
                >
                  {r.query.length > 400 ? `${r.query.slice(0, 400)}…` : r.query}
                </Typography.Text>
              ),
            },
            { title: t('database.calls'), key: 'calls', align: 'right', render: (_, r) => count(r.calls) },
            {
              title: t('database.total'),
              key: 'total',
              align: 'right',
              className: 'hf-nowrap',
              render: (_, r) => duration(r.totalMs),
            },
            {
              title: t('database.mean'),
              key: 'mean',
              align: 'right',
              className: 'hf-nowrap',
              render: (_, r) => duration(r.meanMs),
            },
            { title: t('database.rows'), key: 'rows', align: 'right', render: (_, r) => count(r.rows) },
            {
              title: t('database.cacheHit'),
              key: 'cacheHit',
              align: 'right',
              render: (_, r) => (r.cacheHitBp === null ? '--' : `${(r.cacheHitBp / 100).toFixed(1)}%`),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
