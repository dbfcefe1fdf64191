import { HistoryOutlined, ReloadOutlined, SwapOutlined } from '@ant-design/icons';
import type { TTaskStatus } from '@huifang/contracts';
import { TASK_STATUSES } from '@huifang/contracts/values';
import { isTaskOpen } from '@huifang/domain';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { TaskOverdueTag } from '../../components/Overdue';
import { useMe } from '../../lib/auth';
import { formatDateTime, formatDay, monthInOrg } from '../../lib/format';
import {
  type BoardTask,
  boardQuery,
  boardTasksQuery,
  TASK_BUCKETS,
  type TaskBucket,
  teamsQuery,
} from './api';
import { CallerCards } from './CallerCards';
import { HistoryDrawer } from './HistoryDrawer';
import { ReassignModal } from './ReassignModal';

const STATUS_COLOR: Record<TTaskStatus, string> = {
  PENDING: 'default',
  IN_PROGRESS: 'processing',
  DONE: 'success',
  UNREACHABLE: 'warning',
  CANCELLED: 'default',
};
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export function TaskBoardPage() {
  const { t } = useTranslation('board');
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const month = MONTH_RE.test(params.get('month') ?? '') ? (params.get('month') as string) : monthInOrg();
  const needsTeamPick = !me?.teamId;
  const teams = useQuery({ ...teamsQuery, enabled: needsTeamPick });
  const teamId = params.get('teamId') ?? me?.teamId ?? teams.data?.items[0]?.id;
  const assignee = params.get('assignee') ?? undefined;
  const status = (params.get('status') as TTaskStatus | null) ?? undefined;
  const bucket = (params.get('bucket') as TaskBucket | null) ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const size = Math.min(200, Math.max(1, Number(params.get('size')) || 20));

  const board = useQuery({ ...boardQuery(month, teamId), enabled: !!teamId });
  const taskQuery = { teamId: teamId ?? '', month, assignee, status, bucket, page, size };
  const tasks = useQuery({ ...boardTasksQuery(taskQuery), enabled: !!teamId });

  const [selected, setSelected] = useState<Map<string, BoardTask>>(new Map());
  const [moving, setMoving] = useState<BoardTask[]>([]);
  const [historyOf, setHistoryOf] = useState<BoardTask | null>(null);

  /** Changes URL state; any filter change goes back to page 1 and clears the selection. */
  const patch = (next: Record<string, string | undefined>, keepPage = false) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '') p.delete(k);
      else p.set(k, v);
    }
    if (!keepPage) {
      p.delete('page');
      setSelected(new Map());
    }
    setParams(p, { replace: true });
  };

  const columns: ColumnsType<BoardTask> = useMemo(
    () => [
      {
        title: t('col.customer'),
        key: 'customer',
        render: (_, r) => (
          <div>
            <Typography.Text data-testid="task-customer">{r.customer.name}</Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.customer.phone} · {t(`common:segment.${r.customer.segment}`)}
              </Typography.Text>
            </div>
          </div>
        ),
      },
      { title: t('col.purpose'), dataIndex: 'purpose', className: 'hf-wrap' },
      {
        title: t('col.channel'),
        dataIndex: 'channel',
        render: (c: string) => t(`common:channel.${c}`),
      },
      {
        // the window goes under the due day (as the phone under the customer): one column less
        title: `${t('col.dueDate')} / ${t('col.window')}`,
        dataIndex: 'dueDate',
        className: 'hf-nowrap',
        render: (d: string, r) => (
          <div>
            <Space size={4}>
              {formatDay(d)}
              {board.data && <TaskOverdueTag status={r.status} dueDate={d} today={board.data.today} />}
            </Space>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDay(r.windowFrom)} ～ {formatDay(r.windowTo)}
              </Typography.Text>
            </div>
          </div>
        ),
      },
      {
        title: t('col.status'),
        dataIndex: 'status',
        render: (s: TTaskStatus) => <Tag color={STATUS_COLOR[s]}>{t(`common:taskStatus.${s}`)}</Tag>,
      },
      { title: t('col.attempts'), dataIndex: 'attempts', align: 'right' },
      {
        // the agreed call-back time goes under the last attempt that set it
        title: t('col.lastAttemptAt'),
        dataIndex: 'lastAttemptAt',
        className: 'hf-nowrap',
        render: (v: string | null, r) => (
          <div>
            {formatDateTime(v)}
            {r.callBackAt ? (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('col.callBackAt')} {formatDateTime(r.callBackAt)}
                </Typography.Text>
              </div>
            ) : null}
          </div>
        ),
      },
      {
        title: t('col.assignee'),
        key: 'assignee',
        render: (_, r) => <span data-testid="task-assignee">{r.assignee.name}</span>,
      },
      {
        title: t('col.actions'),
        key: 'actions',
        fixed: 'right',
        render: (_, r) => (
          <Space size={0} orientation="vertical" align="start">
            <Tooltip title={isTaskOpen(r.status) ? undefined : t('onlyOpen')}>
              <Button
                type="link"
                size="small"
                icon={<SwapOutlined />}
                disabled={!isTaskOpen(r.status)}
                onClick={() => setMoving([r])}
                data-testid="task-reassign"
              >
                {t('reassign')}
              </Button>
            </Tooltip>
            <Button
              type="link"
              size="small"
              icon={<HistoryOutlined />}
              onClick={() => setHistoryOf(r)}
              data-testid="task-history"
            >
              {t('history')}
            </Button>
          </Space>
        ),
      },
    ],
    [t, board.data],
  );

  const callerOptions = (board.data?.callers ?? []).map((c) => ({ value: c.callerId, label: c.name }));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div>
            <Typography.Title level={1} style={{ margin: 0 }} data-testid="board-title">
              {t('title')}
              {board.data ? (
                <Typography.Text
                  type="secondary"
                  style={{ fontSize: 14, fontWeight: 'normal', marginLeft: 12 }}
                >
                  {board.data.team.name} · {t('today', { day: board.data.today })}
                </Typography.Text>
              ) : null}
            </Typography.Title>
            <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
          </div>
          <Space wrap>
            {needsTeamPick ? (
              <Select
                style={{ width: 180 }}
                placeholder={t('teamPlaceholder')}
                aria-label={t('team')}
                loading={teams.isPending}
                value={teamId}
                onChange={(v: string) => patch({ teamId: v, assignee: undefined })}
                options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
              />
            ) : null}
            <DatePicker
              picker="month"
              allowClear={false}
              aria-label={t('month')}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && patch({ month: d.format('YYYY-MM') })}
              data-testid="board-month"
            />
            <Tooltip title={t('common:actions.refresh')}>
              <Button
                icon={<ReloadOutlined />}
                aria-label={t('common:actions.refresh')}
                loading={board.isFetching || tasks.isFetching}
                onClick={() => {
                  void board.refetch();
                  void tasks.refetch();
                }}
              />
            </Tooltip>
          </Space>
        </Flex>
      </Card>

      {!teamId ? (
        <Card>
          <Empty description={teams.isPending && needsTeamPick ? t('common:loading') : t('chooseTeam')} />
        </Card>
      ) : board.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('loadError')}
          action={
            <Button size="small" onClick={() => void board.refetch()}>
              {t('common:actions.retry')}
            </Button>
          }
        />
      ) : !board.data ? (
        <Card>
          <Skeleton active paragraph={{ rows: 3 }} />
        </Card>
      ) : (
        <div data-testid="caller-cards">
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8, fontSize: 12 }}>
            {t('cardHint')}
          </Typography.Text>
          <CallerCards board={board.data} selected={assignee} onSelect={(id) => patch({ assignee: id })} />
        </div>
      )}

      {teamId ? (
        <Card
          size="small"
          title={t('tasks')}
          extra={
            selected.size > 0 ? (
              <Space>
                <Typography.Text type="secondary">{t('selected', { count: selected.size })}</Typography.Text>
                <Button size="small" onClick={() => setSelected(new Map())}>
                  {t('clearSelection')}
                </Button>
                <Button
                  size="small"
                  type="primary"
                  icon={<SwapOutlined />}
                  onClick={() => setMoving([...selected.values()])}
                  data-testid="bulk-reassign"
                >
                  {t('bulkReassign', { count: selected.size })}
                </Button>
              </Space>
            ) : null
          }
        >
          <Flex wrap gap={8} style={{ marginBottom: 12 }}>
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t('filter.allCallers')}
              aria-label={t('filter.caller')}
              value={assignee}
              options={callerOptions}
              onChange={(v?: string) => patch({ assignee: v })}
              data-testid="filter-caller"
            />
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('filter.allStatuses')}
              aria-label={t('filter.status')}
              value={status}
              options={TASK_STATUSES.map((s) => ({ value: s, label: t(`common:taskStatus.${s}`) }))}
              onChange={(v?: string) => patch({ status: v })}
              data-testid="filter-status"
            />
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('filter.allBuckets')}
              aria-label={t('filter.bucket')}
              value={bucket}
              options={TASK_BUCKETS.map((b) => ({ value: b, label: t(`bucket.${b}`) }))}
              onChange={(v?: string) => patch({ bucket: v })}
              data-testid="filter-bucket"
            />
            {assignee || status || bucket ? (
              <Button onClick={() => patch({ assignee: undefined, status: undefined, bucket: undefined })}>
                {t('filter.clear')}
              </Button>
            ) : null}
          </Flex>
          {tasks.isError ? (
            <Alert
              type="error"
              showIcon
              title={t('loadError')}
              action={
                <Button size="small" onClick={() => void tasks.refetch()}>
                  {t('common:actions.retry')}
                </Button>
              }
            />
          ) : (
            <Table<BoardTask>
              rowKey="id"
              size="small"
              data-testid="board-tasks"
              loading={tasks.isPending || (tasks.isFetching && tasks.isPlaceholderData)}
              dataSource={tasks.data?.items ?? []}
              columns={columns}
              tableLayout="auto"
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common:empty')} />,
              }}
              rowSelection={{
                selectedRowKeys: [...selected.keys()],
                preserveSelectedRowKeys: true,
                getCheckboxProps: (r) => ({ disabled: !isTaskOpen(r.status) }),
                onChange: (keys, rows) => {
                  const next = new Map<string, BoardTask>();
                  for (const k of keys) {
                    const row = rows.find((r) => r?.id === k) ?? selected.get(String(k));
                    if (row) next.set(String(k), row);
                  }
                  setSelected(next);
                },
              }}
              pagination={{
                current: page,
                pageSize: size,
                total: tasks.data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100],
                showTotal: (total) => t('common:total', { count: total }),
                onChange: (p, s) => {
                  if (s !== size) patch({ size: String(s) });
                  else patch({ page: String(p) }, true);
                },
              }}
            />
          )}
        </Card>
      ) : null}

      <ReassignModal
        tasks={moving}
        teamId={board.data?.team.id ?? teamId}
        onClose={() => setMoving([])}
        onDone={() => {
          setMoving([]);
          setSelected(new Map());
        }}
      />
      <HistoryDrawer
        taskId={historyOf?.id ?? null}
        title={historyOf ? `${historyOf.customer.name} · ${formatDay(historyOf.dueDate)}` : ''}
        onClose={() => setHistoryOf(null)}
      />
    </Space>
  );
}
