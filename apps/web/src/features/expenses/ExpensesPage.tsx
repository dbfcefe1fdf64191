import type { TExpense, TExpenseStatus } from '@huifang/contracts';
import { EXPENSE_STATUSES } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { useCan, useMe } from '../../lib/auth';
import { formatDateTime, formatDay } from '../../lib/format';
import { expensesQuery, useDecideExpense } from './api';
import { ExpenseStatusTag, errorText } from './labels';
import { formatFen } from './money';

const PAGE_SIZE = 20;

/**
 * 回访费用: leads (their team) and managers (everyone) approve or reject the expenses callers
 * record on their visits; a caller sees their own. Filtered by status and by the visit's month
 * (the KPI month an approved expense counts in), with totals over the whole filter.
 */
export function ExpensesPage() {
  const { t } = useTranslation('expenses');
  const can = useCan();
  const decider = can('expense:decide');
  const ownOnly = !can(['expense:read:any', 'expense:read:team']);
  const [status, setStatus] = useState<TExpenseStatus | undefined>(decider ? 'PENDING' : undefined);
  const [month, setMonth] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [rejecting, setRejecting] = useState<TExpense | null>(null);
  const list = useQuery(expensesQuery({ status, month, page, size: PAGE_SIZE }));
  const totals = list.data?.totals;

  const columns: ColumnsType<TExpense> = [
    ...(ownOnly
      ? []
      : [
          {
            title: t('col.caller'),
            key: 'caller',
            render: (_: unknown, e: TExpense) => <span data-testid="expense-caller">{e.caller.name}</span>,
          },
        ]),
    {
      title: t('col.customer'),
      key: 'customer',
      render: (_, e) => <Link to={`/workbench/tasks/${e.taskId}`}>{e.customer.name}</Link>,
    },
    { title: t('col.visitDay'), key: 'day', width: 110, render: (_, e) => formatDay(e.visitDay) },
    {
      title: t('col.amount'),
      key: 'amount',
      align: 'right',
      width: 120,
      render: (_, e) => (
        <span style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="expense-amount">
          {formatFen(e.amountFen)}
        </span>
      ),
    },
    { title: t('col.receipt'), dataIndex: 'receiptRef', key: 'receipt', width: 170 },
    { title: t('col.note'), key: 'note', className: 'hf-wrap', render: (_, e) => e.note ?? t('common:none') },
    {
      title: t('col.status'),
      key: 'status',
      width: 90,
      render: (_, e) => <ExpenseStatusTag status={e.status} />,
    },
    {
      title: t('col.decision'),
      key: 'decision',
      width: 220,
      render: (_, e) =>
        e.decidedBy ? (
          <Space orientation="vertical" size={0}>
            <Typography.Text type="secondary" className="hf-nowrap" style={{ fontSize: 12 }}>
              {t('decision.by', { name: e.decidedBy.name, time: formatDateTime(e.decidedAt) })}
            </Typography.Text>
            {e.decisionComment ? <span className="hf-wrap">{e.decisionComment}</span> : null}
          </Space>
        ) : (
          t('common:none')
        ),
    },
    ...(decider
      ? [
          {
            title: t('col.actions'),
            key: 'actions',
            width: 140,
            render: (_: unknown, e: TExpense) =>
              e.can.approve || e.can.reject ? (
                <DecideButtons expense={e} onReject={() => setRejecting(e)} />
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Card
      title={<PageTitle title={t('title')} subtitle={decider ? t('subtitle.decider') : t('subtitle.own')} />}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<TExpenseStatus | 'ALL'>
          style={{ width: 140 }}
          value={status ?? 'ALL'}
          aria-label={t('filter.status')}
          data-testid="expense-status-filter"
          onChange={(v) => {
            setStatus(v === 'ALL' ? undefined : v);
            setPage(1);
          }}
          options={[
            { value: 'ALL', label: t('filter.allStatuses') },
            ...EXPENSE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
        <DatePicker
          picker="month"
          placeholder={t('filter.allMonths')}
          aria-label={t('filter.month')}
          value={month ? dayjs(`${month}-01`) : null}
          onChange={(v) => {
            setMonth(v ? v.format('YYYY-MM') : undefined);
            setPage(1);
          }}
          data-testid="expense-month-filter"
        />
      </Space>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }} data-testid="expense-totals">
            <Col>
              <Statistic
                title={t('totals.amount', { count: totals?.count ?? 0 })}
                value={totals ? formatFen(totals.amountFen) : '--'}
                loading={list.isPending}
              />
            </Col>
            <Col>
              <Statistic
                title={t('status.PENDING')}
                value={totals ? formatFen(totals.pendingFen) : '--'}
                loading={list.isPending}
              />
            </Col>
            <Col>
              <Statistic
                title={t('status.APPROVED')}
                value={totals ? formatFen(totals.approvedFen) : '--'}
                loading={list.isPending}
                styles={{ content: { color: '#237804' } }}
              />
            </Col>
            <Col>
              <Statistic
                title={t('status.REJECTED')}
                value={totals ? formatFen(totals.rejectedFen) : '--'}
                loading={list.isPending}
              />
            </Col>
          </Row>
          <Table<TExpense>
            rowKey="id"
            size="small"
            data-testid="expense-list"
            loading={list.isFetching}
            columns={columns}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t(status === 'PENDING' ? 'emptyPending' : 'empty') }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              onChange: setPage,
              showTotal: (n) => t('common:total', { count: n }),
            }}
          />
        </>
      )}
      {rejecting ? <RejectModal expense={rejecting} onClose={() => setRejecting(null)} /> : null}
    </Card>
  );
}

function DecideButtons({ expense, onReject }: { expense: TExpense; onReject: () => void }) {
  const { t } = useTranslation('expenses');
  const { message } = App.useApp();
  const me = useMe();
  const decide = useDecideExpense();
  if (me?.id === expense.caller.id) return null;
  return (
    <Space size={0}>
      <Popconfirm
        title={t('approve.confirm', { amount: formatFen(expense.amountFen), name: expense.caller.name })}
        okText={t('common:actions.approve')}
        cancelText={t('common:actions.cancel')}
        okButtonProps={{ 'data-testid': 'expense-approve-confirm' }}
        onConfirm={() =>
          decide.mutateAsync({ id: expense.id, decision: 'approve', version: expense.version }).then(
            () => {
              message.success(t('decided.APPROVED'));
            },
            (e: unknown) => {
              message.error(errorText(t, e));
            },
          )
        }
      >
        <Button type="link" size="small" data-testid="expense-approve">
          {t('common:actions.approve')}
        </Button>
      </Popconfirm>
      <Button type="link" size="small" danger onClick={onReject} data-testid="expense-reject">
        {t('common:actions.reject')}
      </Button>
    </Space>
  );
}

function RejectModal({ expense, onClose }: { expense: TExpense; onClose: () => void }) {
  const { t } = useTranslation('expenses');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment: string }>();
  const decide = useDecideExpense();
  return (
    <Modal
      open
      title={t('reject.title', { amount: formatFen(expense.amountFen), name: expense.caller.name })}
      okText={t('common:actions.reject')}
      okButtonProps={{ danger: true, 'data-testid': 'expense-reject-confirm' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={decide.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          decide.mutate(
            { id: expense.id, decision: 'reject', comment: v.comment.trim(), version: expense.version },
            {
              onSuccess: () => {
                message.success(t('decided.REJECTED'));
                onClose();
              },
              onError: (e) => message.error(errorText(t, e)),
            },
          )
        }
      >
        <Form.Item
          name="comment"
          label={t('reject.comment')}
          rules={[{ required: true, whitespace: true, message: t('reject.commentRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="expense-reject-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
