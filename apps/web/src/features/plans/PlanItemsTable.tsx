import { DeleteOutlined } from '@ant-design/icons';
import type { TPlanDetail, TPlanItem } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFirstArrivalDeferred } from '../../lib/deferred';
import { formatDay } from '../../lib/format';
import { FIRST_ITEMS_PAGE, planItemsQuery, teamCallersQuery, useDeleteItem, useUpdateItem } from './api';
import { planError } from './errors';
import { serverPagination } from './PlanTable';

/** The plan's customers, paginated on the server; in edit mode with caller and due-date overrides. */
export function PlanItemsTable({
  plan,
  editable,
  title,
}: {
  plan: TPlanDetail;
  editable: boolean;
  title?: string;
}) {
  const { t } = useTranslation('plans');
  const { message } = App.useApp();
  const [callerId, setCallerId] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(FIRST_ITEMS_PAGE.page);
  const [size, setSize] = useState(FIRST_ITEMS_PAGE.size);
  const items = useQuery(planItemsQuery(plan.id, { callerId, q, page, size }));
  // the first page's rows (a caller picker and a date picker each when editable) render in the
  // background when they arrive, in slices, not in one long task (lib/deferred.ts)
  const shown = useFirstArrivalDeferred(items.data);
  const callers = useQuery({ ...teamCallersQuery(plan.teamId), enabled: editable });
  const update = useUpdateItem(plan.id);
  const remove = useDeleteItem(plan.id);

  const callerOptions = (callers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  const filterOptions = [
    { value: 'none', label: t('items.unassigned') },
    ...plan.figures.perCaller.map((c) => ({ value: c.callerId, label: c.name })),
  ];

  const move = (itemId: string, body: { callerId?: string; dueDate?: string }) =>
    update.mutate(
      { itemId, ...body },
      {
        onSuccess: () => void message.success(t('items.moved')),
        onError: (e) => void message.error(planError(t, e)),
      },
    );

  const columns: ColumnsType<TPlanItem> = [
    {
      title: t('col.customer'),
      key: 'customer',
      render: (_, r) => (
        <div>
          <Typography.Text data-testid="item-customer">{r.customer.name}</Typography.Text>
          {r.rule ? (
            <Tag color="geekblue" style={{ marginInlineStart: 8 }} data-testid="item-rule">
              {t('proposals.tag', { name: r.rule.name })}
            </Tag>
          ) : null}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.customer.phone}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('col.segment'),
      key: 'segment',
      width: 110,
      render: (_, r) => (
        <>
          {t(`common:segment.${r.customer.segment}`)}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`common:tier.${r.customer.tier}`)}
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('col.purpose'),
      key: 'purpose',
      className: 'hf-wrap',
      render: (_, r) => (
        <>
          {r.purpose}
          {r.questionnaireName ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.questionnaireName}
              </Typography.Text>
            </div>
          ) : null}
        </>
      ),
    },
    {
      title: t('col.channel'),
      dataIndex: 'channel',
      width: 90,
      render: (c: string) => t(`common:channel.${c}`),
    },
    {
      title: t('col.window'),
      key: 'window',
      width: 190,
      render: (_, r) => `${formatDay(r.windowFrom)} ～ ${formatDay(r.windowTo)}`,
    },
    {
      title: t('col.dueDate'),
      dataIndex: 'dueDate',
      width: 150,
      render: (d: string, r) =>
        editable ? (
          <DatePicker
            size="small"
            allowClear={false}
            value={dayjs(d)}
            format="YYYY-MM-DD"
            disabledDate={(day) => {
              const s = day.format('YYYY-MM-DD');
              return s < r.windowFrom || s > r.windowTo;
            }}
            onChange={(v) => v && move(r.id, { dueDate: v.format('YYYY-MM-DD') })}
            data-testid="item-due"
          />
        ) : (
          formatDay(d)
        ),
    },
    {
      title: t('col.caller'),
      key: 'caller',
      width: 170,
      render: (_, r) => (
        <Space size={4}>
          {editable ? (
            <Select
              size="small"
              style={{ width: 110 }}
              placeholder={t('items.pickCaller')}
              aria-label={t('items.pickCaller')}
              value={r.callerId ?? undefined}
              options={
                r.callerId && !callerOptions.some((o) => o.value === r.callerId)
                  ? [...callerOptions, { value: r.callerId, label: r.callerName ?? '--' }]
                  : callerOptions
              }
              loading={callers.isPending}
              onChange={(v: string) => move(r.id, { callerId: v })}
              data-testid="item-caller"
            />
          ) : r.callerName ? (
            r.callerName
          ) : (
            <Tag color="red">{t('items.unassigned')}</Tag>
          )}
          {r.manual ? <Tag color="purple">{t('items.manual')}</Tag> : null}
        </Space>
      ),
    },
    ...(editable
      ? [
          {
            title: t('col.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, r: TPlanItem) => (
              <Popconfirm
                title={t('items.removeConfirm')}
                onConfirm={() =>
                  remove.mutateAsync(r.id).then(
                    () => void message.success(t('items.removed')),
                    (e) => void message.error(planError(t, e)),
                  )
                }
              >
                <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="item-remove">
                  {t('items.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title={title ?? t('items.title')}
      data-testid="plan-items"
      extra={
        <Space wrap>
          <Select
            allowClear
            size="small"
            style={{ width: 140 }}
            placeholder={t('items.allCallers')}
            aria-label={t('items.allCallers')}
            value={callerId}
            options={filterOptions}
            onChange={(v?: string) => {
              setCallerId(v);
              setPage(1);
            }}
          />
          <Input.Search
            size="small"
            allowClear
            style={{ width: 180 }}
            placeholder={t('items.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => {
              setQ(v.trim() || undefined);
              setPage(1);
            }}
          />
        </Space>
      }
    >
      <Table
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={shown?.items}
        loading={items.isFetching || (items.data !== undefined && shown === undefined)}
        locale={items.isError ? { emptyText: planError(t, items.error) } : undefined}
        pagination={serverPagination(t, page, size, shown?.total, (p, s) => {
          setPage(p);
          setSize(s);
        })}
      />
    </Card>
  );
}
