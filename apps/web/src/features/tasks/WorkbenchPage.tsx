import { PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TTaskBucket, TTaskListItem } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { formatDateTime, formatDay, monthInOrg, todayInOrg } from '../../lib/format';
import { queueQuery, summaryQuery } from './api';
import { TaskStatusTag } from './inputs';

type Tile = 'today' | 'overdue' | 'callback' | 'upcoming' | 'done';
const TILES: Tile[] = ['today', 'overdue', 'callback', 'upcoming', 'done'];
const PAGE_SIZE = 20;

const isOpen = (s: TTaskListItem['status']) => s === 'PENDING' || s === 'IN_PROGRESS';

/** /workbench — the caller's day: counts on top that filter the queue below, and 开始回访. */
export function WorkbenchPage() {
  const { t } = useTranslation('tasks');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const bucket = (TILES.includes(params.get('bucket') as Tile) ? params.get('bucket') : 'today') as Tile;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const today = todayInOrg();
  const query = {
    bucket: bucket as TTaskBucket,
    // "本月已完成" counts the tasks due this month
    month: bucket === 'done' ? monthInOrg() : undefined,
    page,
    size: PAGE_SIZE,
  };
  const summary = useQuery(summaryQuery());
  const queue = useQuery(queueQuery(query));

  const choose = (b: Tile) => setParams(b === 'today' ? {} : { bucket: b });
  const setPage = (p: number) => setParams({ ...(bucket === 'today' ? {} : { bucket }), page: String(p) });
  const open = (id: string) => navigate(`/workbench/tasks/${id}`);
  const s = summary.data;
  // 开始回访: the most urgent task that can be worked now, whichever tile is chosen (a call-back that
  // has come due, then the oldest overdue, then today's: docs/rules.md R-TASK-3).
  const first = s?.nextTaskId ? { id: s.nextTaskId } : undefined;

  const tile = (key: Tile, value: ReactNode, color?: string) => (
    <Col flex="1 1 180px" key={key}>
      <Card
        hoverable
        size="small"
        onClick={() => choose(key)}
        data-testid={`tile-${key}`}
        role="button"
        aria-pressed={bucket === key}
        tabIndex={0}
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && choose(key)}
        style={{
          height: '100%',
          borderColor: bucket === key ? '#1677ff' : undefined,
          boxShadow: bucket === key ? '0 0 0 1px #1677ff' : undefined,
        }}
      >
        <Typography.Text type="secondary">
          {key === 'done' ? t('workbench.tiles.month') : t(`workbench.tiles.${key}`)}
        </Typography.Text>
        <div
          style={{ fontSize: 26, fontWeight: 600, color, fontVariantNumeric: 'tabular-nums', marginTop: 4 }}
        >
          {summary.isPending ? <Skeleton.Button active size="small" /> : value}
        </div>
      </Card>
    </Col>
  );

  const columns: ColumnsType<TTaskListItem> = [
    {
      title: t('columns.customer'),
      key: 'customer',
      render: (_, r) => (
        <Space size={4}>
          <Typography.Link onClick={() => open(r.id)}>{r.customer.name}</Typography.Link>
          {r.customer.tier === 'HIGH' && <Tag color="gold">{t(`common:tier.${r.customer.tier}`)}</Tag>}
        </Space>
      ),
    },
    { title: t('columns.phone'), key: 'phone', render: (_, r) => r.customer.phone, width: 130 },
    { title: t('columns.purpose'), dataIndex: 'purpose', ellipsis: true },
    {
      title: t('columns.window'),
      key: 'window',
      width: 200,
      render: (_, r) => `${formatDay(r.windowFrom)} ～ ${formatDay(r.windowTo)}`,
    },
    {
      title: t('columns.due'),
      key: 'due',
      width: 150,
      render: (_, r) => (
        <Space size={4}>
          {formatDay(r.dueDate)}
          {isOpen(r.status) && r.dueDate < today && <Tag color="red">{t('overdueTag')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('columns.status'),
      key: 'status',
      width: 100,
      render: (_, r) => <TaskStatusTag status={r.status} />,
    },
    { title: t('columns.attempts'), dataIndex: 'attempts', align: 'right', width: 90 },
    {
      title: bucket === 'done' ? t('columns.lastAttemptAt') : t('columns.callBackAt'),
      key: 'time',
      width: 150,
      render: (_, r) => formatDateTime(bucket === 'done' ? r.lastAttemptAt : r.callBackAt),
    },
    {
      title: '',
      key: 'open',
      width: 80,
      render: (_, r) => (
        <Button size="small" type="link" onClick={() => open(r.id)}>
          {t('open')}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Space align="baseline">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('workbench.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('workbench.subtitle', { today })}</Typography.Text>
        </Space>
        <Space>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              void summary.refetch();
              void queue.refetch();
            }}
          >
            {t('common:actions.refresh')}
          </Button>
          <Tooltip title={first ? t('workbench.startHint') : t('workbench.startDisabled')}>
            <Button
              type="primary"
              icon={<PhoneOutlined />}
              disabled={!first}
              onClick={() => first && open(first.id)}
              data-testid="start-visit"
            >
              {t('workbench.start')}
            </Button>
          </Tooltip>
        </Space>
      </div>

      {summary.isError && <Alert type="error" showIcon title={t('common:error.generic')} />}
      <Row gutter={[12, 12]} wrap>
        {tile('today', <span data-testid="count-today">{s?.today ?? 0}</span>, '#1677ff')}
        {tile(
          'overdue',
          <span data-testid="count-overdue">{s?.overdue ?? 0}</span>,
          s?.overdue ? '#cf1322' : undefined,
        )}
        {tile('callback', <span data-testid="count-callback">{s?.callback ?? 0}</span>)}
        {tile('upcoming', <span data-testid="count-upcoming">{s?.upcoming ?? 0}</span>)}
        {tile(
          'done',
          <span data-testid="count-done">
            {s?.doneThisMonth ?? 0}
            <Typography.Text type="secondary" style={{ fontSize: 16 }}>
              {' '}
              / {s?.assignedThisMonth ?? 0}
            </Typography.Text>
          </span>,
          '#389e0d',
        )}
      </Row>

      <Card size="small" title={t(`workbench.queueTitle.${bucket}`)}>
        {queue.isError ? (
          <Alert
            type="error"
            showIcon
            title={t('common:error.generic')}
            action={<Button onClick={() => void queue.refetch()}>{t('common:actions.retry')}</Button>}
          />
        ) : (
          <Table<TTaskListItem>
            data-testid="task-queue"
            rowKey="id"
            size="small"
            loading={queue.isFetching}
            columns={columns}
            dataSource={queue.data?.items ?? []}
            locale={{ emptyText: t(`workbench.empty.${bucket}`) }}
            onRow={(r) => ({
              onDoubleClick: () => open(r.id),
              style: isOpen(r.status) && r.dueDate < today ? { background: '#fff1f0' } : undefined,
            })}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: queue.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (n) => t('common:total', { count: n }),
              onChange: setPage,
            }}
            scroll={{ x: 1000 }}
          />
        )}
      </Card>
    </Space>
  );
}
