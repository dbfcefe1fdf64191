import { PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TTaskListItem } from '@huifang/contracts';
import { daysOverdue, isTaskOpen } from '@huifang/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Pagination,
  Row,
  Skeleton,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ComponentProps, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { TaskOverdueTag } from '../../components/Overdue';
import { useShownAfterPaint } from '../../lib/deferred';
import { formatDateTime, formatDay, todayInOrg } from '../../lib/format';
import { useIsPhone } from '../../lib/media';
import { preloadable } from '../../lib/preloadable';
import { queueQuery, summaryQuery, taskQuery, type WorkbenchTile, workbenchQueue } from './api';
import { TaskStatusTag } from './inputs';
import type { QueueTable as LoadedQueueTable } from './QueueTable';
import { QuietHoursNotice } from './QuietHoursNotice';

/** The queue's table on a desktop, a file of its own (QueueTable.tsx). */
const QueueTable = preloadable<ComponentProps<typeof LoadedQueueTable>>(() =>
  import('./QueueTable').then((m) => ({ default: m.QueueTable })),
);

type Tile = WorkbenchTile;

/** Starts the phone's dialler with a number (a real link's click, so the browser treats it as one). */
function dial(phone: string) {
  const a = document.createElement('a');
  a.href = `tel:${phone.replace(/[^\d+]/g, '')}`;
  a.click();
}

/** The queue on a phone: a card per task, with 拨打 (tap-to-call) and 打开. */
function TaskCards({
  items,
  today,
  bucket,
  onOpen,
}: {
  items: TTaskListItem[];
  today: string;
  bucket: Tile;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation('tasks');
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [calling, setCalling] = useState<string | null>(null);
  // The list shows masked numbers; the full one comes with the task itself (read by its
  // assignee only, and audited), then the dialler starts and the task opens for the record.
  const call = async (id: string) => {
    setCalling(id);
    try {
      const task = await queryClient.fetchQuery(taskQuery(id));
      if (task.customer.contactMasked) message.warning(t('customer.masked'));
      else dial(task.customer.phone);
      onOpen(id);
    } catch {
      message.error(t('common:error.generic'));
    } finally {
      setCalling(null);
    }
  };
  if (!items.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`workbench.empty.${bucket}`)} />;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="task-cards">
      {items.map((r) => {
        const overdue = daysOverdue(r.status, r.dueDate, today) > 0;
        return (
          <Card
            key={r.id}
            size="small"
            data-testid="task-card"
            styles={{ body: { padding: 12 } }}
            style={overdue ? { borderColor: '#ffa39e', background: '#fff1f0' } : undefined}
          >
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {r.customer.name}
              </Typography.Text>
              <Space size={4}>
                {r.customer.tier === 'HIGH' && <Tag color="gold">{t(`common:tier.${r.customer.tier}`)}</Tag>}
                <TaskStatusTag status={r.status} />
              </Space>
            </div>
            <Typography.Paragraph type="secondary" ellipsis style={{ margin: '4px 0' }}>
              {r.purpose}
            </Typography.Paragraph>
            <Space size={4} wrap style={{ fontSize: 13 }}>
              <span>
                {t('columns.due')} {formatDay(r.dueDate)}
              </span>
              <TaskOverdueTag status={r.status} dueDate={r.dueDate} today={today} />
              {r.callBackAt && (
                <span>
                  · {t('columns.callBackAt')} {formatDateTime(r.callBackAt)}
                </span>
              )}
            </Space>
            {isTaskOpen(r.status) ? (
              <div style={{ display: 'flex', gap: 8, marginTop: 10 }}>
                <Button
                  type="primary"
                  icon={<PhoneOutlined />}
                  style={{ flex: 1 }}
                  loading={calling === r.id}
                  onClick={() => void call(r.id)}
                  data-testid="card-call"
                >
                  {t('customer.call')}
                </Button>
                <Button style={{ flex: 1 }} onClick={() => onOpen(r.id)} data-testid="card-open">
                  {t('open')}
                </Button>
              </div>
            ) : (
              <Button block style={{ marginTop: 10 }} onClick={() => onOpen(r.id)} data-testid="card-open">
                {t('open')}
              </Button>
            )}
          </Card>
        );
      })}
    </Space>
  );
}

/** /workbench — the caller's day: counts on top that filter the queue below, and 开始回访. */
export function WorkbenchPage() {
  const { t } = useTranslation('tasks');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { tile: bucket, query } = workbenchQueue(params);
  const today = todayInOrg();
  const summary = useQuery(summaryQuery());
  const queue = useQuery(queueQuery(query));
  const phone = useIsPhone();
  const tableShown = useShownAfterPaint(true);

  const choose = (b: Tile) => setParams(b === 'today' ? {} : { bucket: b });
  const setPage = (p: number) => setParams({ ...(bucket === 'today' ? {} : { bucket }), page: String(p) });
  const open = (id: string) => navigate(`/workbench/tasks/${id}`);
  const s = summary.data;
  // 开始回访: the most urgent task that can be worked now, whichever tile is chosen (a call-back that
  // has come due, then the oldest overdue, then today's: docs/rules.md R-TASK-3).
  const first = s?.nextTaskId ? { id: s.nextTaskId } : undefined;

  // On a phone the five counts take two short rows (three, then two), not a screen.
  const tile = (key: Tile, value: ReactNode, color?: string) => (
    <Col flex={phone ? '1 1 30%' : '1 1 180px'} key={key}>
      <Card
        hoverable
        size="small"
        styles={phone ? { body: { padding: '6px 10px' } } : undefined}
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
        <Typography.Text type="secondary" style={phone ? { fontSize: 12 } : undefined}>
          {key === 'done' ? t('workbench.tiles.month') : t(`workbench.tiles.${key}`)}
        </Typography.Text>
        <div
          style={{
            fontSize: phone ? 20 : 26,
            fontWeight: 600,
            color,
            fontVariantNumeric: 'tabular-nums',
            marginTop: phone ? 0 : 4,
          }}
        >
          {summary.isPending ? <Skeleton.Button active size="small" /> : value}
        </div>
      </Card>
    </Col>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          flexWrap: 'wrap',
          gap: 8,
        }}
      >
        <Space align="baseline" wrap>
          <Typography.Title level={1} style={{ margin: 0 }}>
            {t('workbench.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('workbench.subtitle', { today })}</Typography.Text>
        </Space>
        <Space>
          <Button
            icon={<ReloadOutlined />}
            aria-label={t('common:actions.refresh')}
            onClick={() => {
              void summary.refetch();
              void queue.refetch();
            }}
          >
            {phone ? null : t('common:actions.refresh')}
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

      <QuietHoursNotice />
      {summary.isError && <Alert type="error" showIcon title={t('common:error.generic')} />}
      <Row gutter={phone ? [8, 8] : [12, 12]} wrap data-testid="tiles">
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
          '#237804',
        )}
      </Row>

      <Card
        size="small"
        title={t(`workbench.queueTitle.${bucket}`)}
        styles={phone ? { body: { padding: 8 } } : undefined}
      >
        {/* on a desktop the table commits after the rest of the page has been painted, its code
            loaded meanwhile (a file of its own): its rows and their measuring were the page's
            longest task (docs/performance.md#web) */}
        {queue.isError ? (
          <Alert
            type="error"
            showIcon
            title={t('common:error.generic')}
            action={<Button onClick={() => void queue.refetch()}>{t('common:actions.retry')}</Button>}
          />
        ) : phone ? (
          <Spin spinning={queue.isFetching}>
            {queue.isPending ? (
              <Skeleton active />
            ) : (
              <TaskCards items={queue.data?.items ?? []} today={today} bucket={bucket} onOpen={open} />
            )}
            {(queue.data?.total ?? 0) > query.size && (
              <Pagination
                simple
                style={{ marginTop: 12, textAlign: 'center' }}
                current={query.page}
                pageSize={query.size}
                total={queue.data?.total ?? 0}
                onChange={setPage}
              />
            )}
          </Spin>
        ) : tableShown ? (
          <QueueTable
            items={queue.data?.items ?? []}
            total={queue.data?.total ?? 0}
            loading={queue.isFetching}
            bucket={bucket}
            today={today}
            page={query.page}
            size={query.size}
            onPage={setPage}
            onOpen={open}
          />
        ) : (
          <Skeleton active paragraph={{ rows: 8 }} />
        )}
      </Card>
    </Space>
  );
}
