import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TTicketCategory, TTicketStatus, TTicketSummary } from '@huifang/contracts';
import { TICKET_CATEGORIES, TICKET_STATUSES } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Empty, Flex, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { useCan, useMe } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { ticketsQuery } from './api';
import { SeverityTag, StatusTag } from './labels';
import { SlaBadge } from './SlaBadge';

/** The ticket list: the handler's department inbox, or everything the user may see. */
export function TicketListView({ mode }: { mode: 'inbox' | 'all' }) {
  const { t } = useTranslation('tickets');
  const can = useCan();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as TTicketStatus | null) ?? undefined;
  const category = (params.get('category') as TTicketCategory | null) ?? undefined;
  const overdue = params.get('overdue') === 'true' ? 'true' : undefined;
  const dueToday = params.get('dueToday') === 'true' ? 'true' : undefined;
  const raisedBy = params.get('raisedBy') === 'team' ? 'team' : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const size = Math.min(200, Math.max(1, Number(params.get('size')) || 20));
  const query = { status, category, overdue, dueToday, raisedBy, page, size } as const;
  const list = useQuery(ticketsQuery(query));

  const patch = (next: Record<string, string | undefined>, keepPage = false) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '') p.delete(k);
      else p.set(k, v);
    }
    if (!keepPage) p.delete('page');
    setParams(p, { replace: true });
  };

  const columns: ColumnsType<TTicketSummary> = useMemo(
    () => [
      {
        title: t('col.number'),
        dataIndex: 'number',
        align: 'right',
        render: (n: number, r) => (
          <Link to={`/tickets/${r.id}`} data-testid="ticket-number">
            #{n}
          </Link>
        ),
      },
      {
        title: t('col.title'),
        dataIndex: 'title',
        // shown in full, wrapping onto a second line if need be (it was once cut to a few characters)
        className: 'hf-wrap',
        render: (title: string, r) => (
          <Link to={`/tickets/${r.id}`} data-testid="ticket-title">
            {title}
          </Link>
        ),
      },
      { title: t('col.customer'), key: 'customer', render: (_, r) => r.customer.name },
      {
        title: t('col.category'),
        dataIndex: 'category',
        render: (c: TTicketCategory) => t(`category.${c}`),
      },
      {
        title: t('col.severity'),
        dataIndex: 'severity',
        render: (s: TTicketSummary['severity']) => <SeverityTag severity={s} />,
      },
      {
        title: t('col.status'),
        dataIndex: 'status',
        render: (s: TTicketStatus) => <StatusTag status={s} />,
      },
      ...(mode === 'all'
        ? [
            {
              title: t('col.department'),
              key: 'department',
              render: (_: unknown, r: TTicketSummary) => r.department.name,
            },
          ]
        : []),
      {
        title: t('col.respondBy'),
        key: 'respondBy',
        className: 'hf-nowrap',
        // the due time under the clock rather than beside it
        render: (_, r) => (
          <div>
            <SlaBadge ticket={r} />
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(r.dueAt)}
              </Typography.Text>
            </div>
          </div>
        ),
      },
      {
        title: t('col.escalation'),
        dataIndex: 'escalationLevel',
        render: (l: number) => (l > 0 ? t(`escalation.${l}`) : '--'),
      },
      { title: t('col.reopenCount'), dataIndex: 'reopenCount', align: 'right' },
      {
        title: mode === 'inbox' ? t('col.caller') : t('col.raisedBy'),
        key: 'who',
        render: (_, r) => (mode === 'inbox' ? (r.caller?.name ?? '--') : r.raisedBy.name),
      },
    ],
    [t, mode],
  );

  const title = mode === 'inbox' ? t('inbox.title') : t('list.title');
  const subtitle = mode === 'inbox' ? t('inbox.subtitle') : t('list.subtitle');
  return (
    <Card
      title={<PageTitle title={title} subtitle={subtitle} />}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => list.refetch()}>
            {t('common:actions.refresh')}
          </Button>
          {mode === 'all' && can('ticket:create') ? (
            <Link to="/tickets/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="new-ticket">
                {t('list.new')}
              </Button>
            </Link>
          ) : null}
        </Space>
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('filter.status')}
          aria-label={t('filter.status')}
          value={status}
          onChange={(v) => patch({ status: v })}
          options={TICKET_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          data-testid="filter-status"
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('filter.category')}
          aria-label={t('filter.category')}
          value={category}
          onChange={(v) => patch({ category: v })}
          options={TICKET_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        />
        <Checkbox
          checked={!!overdue}
          onChange={(e) => patch({ overdue: e.target.checked ? 'true' : undefined })}
        >
          {t('filter.overdue')}
        </Checkbox>
        <Checkbox
          checked={!!dueToday}
          onChange={(e) => patch({ dueToday: e.target.checked ? 'true' : undefined })}
          data-testid="filter-due-today"
        >
          {t('filter.dueToday')}
        </Checkbox>
        {mode === 'all' && me?.role === 'LEAD' ? (
          <Checkbox
            checked={!!raisedBy}
            onChange={(e) => patch({ raisedBy: e.target.checked ? 'team' : undefined })}
          >
            {t('filter.raisedByTeam')}
          </Checkbox>
        ) : null}
      </Flex>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<TTicketSummary>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('list.empty')} /> }}
          pagination={{
            current: page,
            pageSize: size,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common:total', { count: n }),
            onChange: (p, s) => patch({ page: String(p), size: String(s) }, true),
          }}
          data-testid="ticket-table"
        />
      )}
    </Card>
  );
}

export function TicketInboxPage() {
  return <TicketListView mode="inbox" />;
}

export function TicketListPage() {
  return <TicketListView mode="all" />;
}
