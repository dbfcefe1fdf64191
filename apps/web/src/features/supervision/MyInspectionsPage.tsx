import type { TInspectionListItem } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../lib/format';
import { inspectionsQuery } from './api';
import { AppealTag, FindingTags, ResultTag } from './labels';

/** A caller's inspection results (submitted only), with the appeal deadline. */
export function MyInspectionsPage() {
  const { t } = useTranslation('supervision');
  const [page, setPage] = useState(1);
  const list = useQuery(inspectionsQuery({ page, size: 20 }));
  const now = Date.now();
  return (
    <Card title={<PageTitle title={t('mine.title')} subtitle={t('mine.subtitle')} />}>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<TInspectionListItem>
          rowKey="id"
          size="small"
          data-testid="my-inspections"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => t('common:total', { count: n }),
          }}
          columns={[
            { title: t('col.visitAt'), key: 'at', render: (_, r) => formatDateTime(r.visitStartedAt) },
            { title: t('col.customer'), key: 'customer', render: (_, r) => r.customer.name },
            { title: t('col.inspector'), key: 'inspector', render: (_, r) => r.inspector.name },
            {
              title: t('col.total'),
              key: 'total',
              align: 'right',
              render: (_, r) => r.total ?? t('common:none'),
            },
            {
              title: t('col.result'),
              key: 'result',
              render: (_, r) => <ResultTag passed={r.passed} effectivePassed={r.effectivePassed} />,
            },
            {
              title: t('col.findings'),
              key: 'findings',
              render: (_, r) => <FindingTags values={r.findings} />,
            },
            {
              title: t('mine.deadline'),
              key: 'deadline',
              render: (_, r) =>
                r.appealDeadline && new Date(r.appealDeadline).getTime() > now
                  ? formatDateTime(r.appealDeadline)
                  : t('mine.closed'),
            },
            {
              title: t('mine.appeal'),
              key: 'appeal',
              render: (_, r) => <AppealTag value={r.appealStatus} />,
            },
            {
              title: t('col.actions'),
              key: 'actions',
              render: (_, r) => (
                <Link to={`/my-inspections/${r.id}`} data-testid="inspection-open">
                  {t('common:actions.view')}
                </Link>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
