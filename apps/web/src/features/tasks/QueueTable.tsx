import type { TTaskListItem } from '@huifang/contracts';
import { daysOverdue } from '@huifang/domain';
import { Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { TaskOverdueTag } from '../../components/Overdue';
import { formatDateTime, formatDay } from '../../lib/format';
import type { WorkbenchTile } from './api';
import { TaskStatusTag } from './inputs';

/**
 * The workbench's queue on a desktop: a table of the tile's tasks, a page at a time. A file of its
 * own, loaded while the rest of the workbench paints (WorkbenchPage.tsx; docs/performance.md#web).
 */
export function QueueTable({
  items,
  total,
  loading,
  bucket,
  today,
  page,
  size,
  onPage,
  onOpen,
}: {
  items: TTaskListItem[];
  total: number;
  loading: boolean;
  bucket: WorkbenchTile;
  today: string;
  page: number;
  size: number;
  onPage: (page: number) => void;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation('tasks');
  const columns: ColumnsType<TTaskListItem> = [
    {
      title: t('columns.customer'),
      key: 'customer',
      render: (_, r) => (
        <Space size={4}>
          <Typography.Link onClick={() => onOpen(r.id)}>{r.customer.name}</Typography.Link>
          {r.customer.tier === 'HIGH' && <Tag color="gold">{t(`common:tier.${r.customer.tier}`)}</Tag>}
        </Space>
      ),
    },
    { title: t('columns.phone'), key: 'phone', className: 'hf-nowrap', render: (_, r) => r.customer.phone },
    { title: t('columns.purpose'), dataIndex: 'purpose', className: 'hf-wrap' },
    {
      title: t('columns.window'),
      key: 'window',
      className: 'hf-nowrap',
      render: (_, r) => `${formatDay(r.windowFrom)} ～ ${formatDay(r.windowTo)}`,
    },
    {
      title: t('columns.due'),
      key: 'due',
      className: 'hf-nowrap',
      render: (_, r) => (
        <Space size={4}>
          {formatDay(r.dueDate)}
          <TaskOverdueTag status={r.status} dueDate={r.dueDate} today={today} />
        </Space>
      ),
    },
    {
      title: t('columns.status'),
      key: 'status',
      render: (_, r) => <TaskStatusTag status={r.status} />,
    },
    { title: t('columns.attempts'), dataIndex: 'attempts', align: 'right' },
    {
      title: bucket === 'done' ? t('columns.lastAttemptAt') : t('columns.callBackAt'),
      key: 'time',
      className: 'hf-nowrap',
      render: (_, r) => formatDateTime(bucket === 'done' ? r.lastAttemptAt : r.callBackAt),
    },
    {
      title: '',
      key: 'open',
      render: (_, r) => (
        <Button size="small" type="link" onClick={() => onOpen(r.id)}>
          {t('open')}
        </Button>
      ),
    },
  ];

  return (
    <Table<TTaskListItem>
      data-testid="task-queue"
      rowKey="id"
      size="small"
      loading={loading}
      columns={columns}
      dataSource={items}
      locale={{ emptyText: t(`workbench.empty.${bucket}`) }}
      onRow={(r) => ({
        onDoubleClick: () => onOpen(r.id),
        style: daysOverdue(r.status, r.dueDate, today) > 0 ? { background: '#fff1f0' } : undefined,
      })}
      pagination={{
        current: page,
        pageSize: size,
        total,
        showSizeChanger: false,
        showTotal: (n) => t('common:total', { count: n }),
        onChange: onPage,
      }}
    />
  );
}
