import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import type {
  TCustomerListItem,
  TCustomerListQuery,
  TCustomerSort,
  TSegment,
  TTier,
} from '@huifang/contracts';
import { CUSTOMER_SORTS, SEGMENTS, TIERS } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { useCan } from '../../lib/auth';
import { formatDateTime, pageTotal } from '../../lib/format';
import { customerListQuery } from './api';
import { CustomerFormDrawer } from './CustomerFormDrawer';
import { ExportCustomers } from './ExportCustomers';
import { ConsentTag, Preference, SegmentTag, TierTag, useEnumOptions } from './labels';

const SORTABLE = ['name', 'lastVisitAt', 'createdAt'] as const;
type SortField = (typeof SORTABLE)[number];

function readQuery(params: URLSearchParams): TCustomerListQuery {
  const sort = params.get('sort') as TCustomerSort | null;
  const consent = params.get('consent');
  return {
    q: params.get('q') || undefined,
    segment: params
      .getAll('segment')
      .filter((s): s is TSegment => (SEGMENTS as readonly string[]).includes(s)),
    tier: params.getAll('tier').filter((s): s is TTier => (TIERS as readonly string[]).includes(s)),
    consent: consent === 'refused' || consent === 'accepted' ? consent : undefined,
    lastVisitBefore: params.get('lastVisitBefore') || undefined,
    page: Number(params.get('page')) || 1,
    size: Number(params.get('size')) || 20,
    sort: sort && (CUSTOMER_SORTS as readonly string[]).includes(sort) ? sort : '-createdAt',
  };
}

function orderOf(sort: string | undefined, field: SortField): SortOrder {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

export function CustomerListPage() {
  const { t } = useTranslation('customers');
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const list = useQuery(customerListQuery(query));
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState(query.q ?? '');
  const options = useEnumOptions();

  /** Changes some parameters; any filter change goes back to page 1. */
  const update = (patch: Record<string, string | string[] | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      next.delete(k);
      if (Array.isArray(v)) for (const x of v) next.append(k, x);
      else if (v) next.set(k, v);
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: true });
  };

  const hasFilters =
    !!query.q ||
    !!query.segment?.length ||
    !!query.tier?.length ||
    !!query.consent ||
    !!query.lastVisitBefore;

  return (
    <Card
      title={<PageTitle title={t('title')} subtitle={t('subtitle')} />}
      extra={
        <Space wrap>
          {can('customer:export') ? <ExportCustomers query={query} /> : null}
          {can('customer:import') ? (
            <Button
              icon={<ImportOutlined />}
              onClick={() => navigate('/customers/import')}
              data-testid="customers-import"
            >
              {t('import')}
            </Button>
          ) : null}
          {can('customer:write') ? (
            <Button
              icon={<ImportOutlined />}
              onClick={() => navigate('/customers/events/import')}
              data-testid="customer-events-import"
            >
              {t('importEvents')}
            </Button>
          ) : null}
          {can('customer:write') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="customers-new"
            >
              {t('new')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Space wrap size={[12, 12]} style={{ marginBottom: 16 }} data-testid="customer-filters">
        <Input.Search
          allowClear
          placeholder={t('filter.q')}
          aria-label={t('filter.q')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value) update({ q: undefined });
          }}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          style={{ width: 220 }}
          data-testid="customer-search"
        />
        {(['segment', 'tier'] as const).map((kind) => (
          <Select
            key={kind}
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t(`filter.${kind}`)}
            aria-label={t(`filter.${kind}`)}
            value={query[kind]}
            onChange={(v: string[]) => update({ [kind]: v })}
            options={options(kind)}
            style={{ width: kind === 'segment' ? 220 : 180 }}
            data-testid={`filter-${kind}`}
          />
        ))}
        <Select
          allowClear
          placeholder={t('filter.consent')}
          aria-label={t('filter.consent')}
          value={query.consent}
          onChange={(v?: string) => update({ consent: v })}
          options={[
            { value: 'accepted', label: t('consent.accepted') },
            { value: 'refused', label: t('consent.refused') },
          ]}
          style={{ width: 140 }}
          data-testid="filter-consent"
        />
        <Tooltip title={t('filter.lastVisitBeforeHint')}>
          <DatePicker
            placeholder={t('filter.lastVisitBefore')}
            aria-label={t('filter.lastVisitBefore')}
            format="YYYY-MM-DD"
            value={query.lastVisitBefore ? dayjs(query.lastVisitBefore) : null}
            onChange={(d) => update({ lastVisitBefore: d ? d.format('YYYY-MM-DD') : undefined })}
            style={{ width: 170 }}
            data-testid="filter-last-visit"
          />
        </Tooltip>
        {hasFilters ? (
          <Button
            onClick={() => {
              setSearch('');
              setParams(new URLSearchParams(), { replace: true });
            }}
          >
            {t('common:actions.reset')}
          </Button>
        ) : null}
      </Space>

      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<TCustomerListItem>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          data-testid="customer-table"
          locale={{ emptyText: t('common:empty') }}
          tableLayout="auto"
          pagination={{
            current: query.page,
            pageSize: query.size,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => pageTotal(t, total, list.data?.more),
          }}
          onChange={(pagination, _filters, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const field = s?.order ? (s.columnKey as SortField) : undefined;
            const sort = field ? (s?.order === 'ascend' ? field : `-${field}`) : undefined;
            const sortChanged = (sort ?? '-createdAt') !== query.sort;
            update(
              {
                sort: sort && sort !== '-createdAt' ? sort : undefined,
                page: sortChanged || pagination.current === 1 ? undefined : String(pagination.current),
                size:
                  pagination.pageSize && pagination.pageSize !== 20 ? String(pagination.pageSize) : undefined,
              },
              true,
            );
          }}
          columns={[
            {
              title: t('col.name'),
              key: 'name',
              dataIndex: 'name',
              sorter: true,
              sortOrder: orderOf(query.sort, 'name'),
              fixed: 'left',
              render: (name: string, c) => <Link to={`/customers/${c.id}`}>{name}</Link>,
            },
            {
              title: t('col.phone'),
              dataIndex: 'phone',
              className: 'hf-nowrap',
              render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v}</span>,
            },
            {
              title: t('col.segment'),
              dataIndex: 'segment',
              render: (v: TSegment) => <SegmentTag value={v} />,
            },
            {
              title: t('col.tier'),
              dataIndex: 'tier',
              render: (v: TTier) => <TierTag value={v} />,
            },
            {
              title: t('col.programme'),
              dataIndex: 'programme',
              className: 'hf-wrap',
              render: (v: string | null) => v ?? '--',
            },
            {
              title: t('col.lastVisitAt'),
              key: 'lastVisitAt',
              dataIndex: 'lastVisitAt',
              sorter: true,
              sortOrder: orderOf(query.sort, 'lastVisitAt'),
              className: 'hf-nowrap',
              render: (v: string | null) =>
                v ? formatDateTime(v) : <Typography.Text type="secondary">{t('never')}</Typography.Text>,
            },
            {
              title: t('col.consent'),
              dataIndex: 'refusesVisits',
              render: (v: boolean) => <ConsentTag refuses={v} />,
            },
            {
              title: t('col.preference'),
              key: 'preference',
              render: (_, c) => (
                <Preference channel={c.preferredChannel} from={c.preferredTimeFrom} to={c.preferredTimeTo} />
              ),
            },
          ]}
        />
      )}
      <CustomerFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(c) => navigate(`/customers/${c.id}`)}
      />
    </Card>
  );
}
