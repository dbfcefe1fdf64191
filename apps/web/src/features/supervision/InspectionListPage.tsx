import type { TInspectionListItem, TInspectionStatus } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Select, Space, Table, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { useCan } from '../../lib/auth';
import { formatDateTime, pageTotal } from '../../lib/format';
import { type InspectionQuery, inspectionsQuery } from './api';
import { FindingTags, ResultTag, StatusTag } from './labels';

/** 质检工作台: the inspector's queue, and every inspection with filters. */
export function InspectionListPage() {
  const { t } = useTranslation('supervision');
  const can = useCan();
  const performs = can('inspection:perform');
  const [tab, setTab] = useState<'queue' | 'all'>(performs ? 'queue' : 'all');
  const [filters, setFilters] = useState<{
    status?: TInspectionStatus;
    month?: string;
    passed?: 'true' | 'false';
  }>({});
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(20);
  const q: InspectionQuery =
    tab === 'queue' ? { inspectorId: 'me', open: 'true', page, size } : { ...filters, page, size };
  const list = useQuery(inspectionsQuery(q));

  const columns = [
    {
      title: t('col.customer'),
      key: 'customer',
      render: (_: unknown, r: TInspectionListItem) => (
        <span data-testid="inspection-customer">{r.customer.name}</span>
      ),
    },
    {
      title: t('col.caller'),
      key: 'caller',
      render: (_: unknown, r: TInspectionListItem) => (
        <span data-testid="inspection-caller">{r.caller.name}</span>
      ),
    },
    {
      title: t('col.inspector'),
      key: 'inspector',
      render: (_: unknown, r: TInspectionListItem) => r.inspector.name,
    },
    {
      title: t('col.visitAt'),
      key: 'visitAt',
      render: (_: unknown, r: TInspectionListItem) => formatDateTime(r.visitStartedAt),
    },
    {
      title: t('col.channel'),
      key: 'channel',
      render: (_: unknown, r: TInspectionListItem) => t(`common:channel.${r.channel}`),
    },
    {
      title: t('col.status'),
      key: 'status',
      render: (_: unknown, r: TInspectionListItem) => <StatusTag value={r.status} />,
    },
    {
      title: t('col.total'),
      key: 'total',
      align: 'right' as const,
      render: (_: unknown, r: TInspectionListItem) => r.total ?? t('common:none'),
    },
    {
      title: t('col.result'),
      key: 'result',
      render: (_: unknown, r: TInspectionListItem) => (
        <ResultTag passed={r.passed} effectivePassed={r.effectivePassed} />
      ),
    },
    {
      title: t('col.findings'),
      key: 'findings',
      render: (_: unknown, r: TInspectionListItem) => <FindingTags values={r.findings} />,
    },
    {
      title: t('col.actions'),
      key: 'actions',
      render: (_: unknown, r: TInspectionListItem) => (
        <Link to={`/inspections/${r.id}`} data-testid="inspection-open">
          {r.status === 'SUBMITTED' ? t('common:actions.view') : t('list.work')}
        </Link>
      ),
    },
  ];

  const filterBar =
    tab === 'all' ? (
      <Space wrap>
        <Select
          allowClear
          style={{ width: 130 }}
          placeholder={t('col.status')}
          aria-label={t('col.status')}
          value={filters.status}
          onChange={(status) => {
            setFilters({ ...filters, status });
            setPage(1);
          }}
          options={(['PENDING', 'IN_PROGRESS', 'SUBMITTED'] as const).map((s) => ({
            value: s,
            label: t(`status.${s}`),
          }))}
          data-testid="filter-status"
        />
        <DatePicker
          picker="month"
          placeholder={t('list.month')}
          value={filters.month ? dayjs(`${filters.month}-01`) : null}
          onChange={(d) => {
            setFilters({ ...filters, month: d ? d.format('YYYY-MM') : undefined });
            setPage(1);
          }}
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('col.result')}
          aria-label={t('col.result')}
          value={filters.passed}
          onChange={(passed) => {
            setFilters({ ...filters, passed });
            setPage(1);
          }}
          options={[
            { value: 'true', label: t('result.pass') },
            { value: 'false', label: t('result.fail') },
          ]}
        />
      </Space>
    ) : null;

  return (
    <Card
      title={<PageTitle title={t('list.title')} subtitle={t('list.subtitle')} />}
      extra={
        can('sampling:run') ? (
          <Link to="/sampling">
            <Button type="primary">{t('list.newRun')}</Button>
          </Link>
        ) : null
      }
    >
      {/* the filters beside the tabs, not in the tab list (a tablist may hold only tabs) */}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Tabs
          tabBarStyle={{ marginBottom: 0 }}
          activeKey={tab}
          onChange={(k) => {
            setTab(k as 'queue' | 'all');
            setPage(1);
          }}
          items={[
            ...(performs ? [{ key: 'queue', label: t('list.queue') }] : []),
            { key: 'all', label: t('list.all') },
          ]}
        />
        {filterBar}
      </Flex>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          data-testid="inspection-list"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          locale={{ emptyText: tab === 'queue' ? t('list.queueEmpty') : t('common:empty') }}
          pagination={{
            current: page,
            pageSize: size,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => pageTotal(t, n, list.data?.more),
            onChange: (p, s) => {
              setPage(p);
              setSize(s);
            },
          }}
        />
      )}
    </Card>
  );
}
