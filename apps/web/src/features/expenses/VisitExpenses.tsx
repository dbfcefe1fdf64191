import { PlusOutlined } from '@ant-design/icons';
import type { TExpense } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { useCan, useMe } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { useCreateExpense, visitExpensesQuery } from './api';
import { ExpenseStatusTag, errorText } from './labels';
import { formatFen, validYuan, yuanToFen } from './money';

/**
 * A visit record's expenses (回访费用), shown under the record on the task page: its caller adds
 * one (amount, receipt reference, note) and sees each with its approval; leads and managers see
 * them read-only. Nothing is shown to whoever may not see them.
 */
export function VisitExpenses({ record }: { record: { id: string; caller: { id: string } } }) {
  const { t } = useTranslation('expenses');
  const can = useCan();
  const me = useMe();
  const mine = !!me && record.caller.id === me.id;
  const mayAdd = mine && can('expense:create');
  const mayRead = can(['expense:read:any', 'expense:read:team']) || (mine && can('expense:read:own'));
  const list = useQuery({ ...visitExpensesQuery(record.id), enabled: mayRead });
  const [adding, setAdding] = useState(false);

  if (!mayRead) return null;
  // a lead looking at another team's record may not see its expenses: show nothing rather than an error
  if (list.error instanceof ApiError && (list.error.status === 403 || list.error.status === 404)) return null;
  const items = list.data?.items ?? [];

  return (
    <div
      data-testid="visit-expenses"
      data-visit-id={record.id}
      style={{ marginTop: 8, paddingLeft: 12, borderLeft: '3px solid #ffe58f' }}
    >
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong>{t('record.title')}</Typography.Text>
        {mayAdd && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="add-expense"
          >
            {t('record.add')}
          </Button>
        )}
      </Space>
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      ) : list.isError ? (
        <Alert
          type="error"
          showIcon
          title={errorText(t, list.error)}
          action={
            <Button size="small" onClick={() => void list.refetch()}>
              {t('common:actions.retry')}
            </Button>
          }
        />
      ) : items.length === 0 ? (
        <div>
          <Typography.Text type="secondary">{t('record.empty')}</Typography.Text>
        </div>
      ) : (
        items.map((e) => <ExpenseLine key={e.id} expense={e} />)
      )}
      {adding && <AddExpenseModal visitId={record.id} onClose={() => setAdding(false)} />}
    </div>
  );
}

function ExpenseLine({ expense: e }: { expense: TExpense }) {
  const { t } = useTranslation('expenses');
  return (
    <div data-testid="visit-expense" style={{ fontSize: 13, marginTop: 4 }}>
      <Space size={8} wrap>
        <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="expense-amount">
          {formatFen(e.amountFen)}
        </Typography.Text>
        <ExpenseStatusTag status={e.status} />
        <Typography.Text type="secondary">{t('record.receipt', { ref: e.receiptRef })}</Typography.Text>
        {e.note ? <Typography.Text type="secondary">{e.note}</Typography.Text> : null}
      </Space>
      {e.decidedBy ? (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('decision.by', { name: e.decidedBy.name, time: formatDateTime(e.decidedAt) })}
            {e.decisionComment ? ` · ${e.decisionComment}` : ''}
          </Typography.Text>
        </div>
      ) : null}
    </div>
  );
}

interface AddForm {
  amount: string;
  receiptRef: string;
  note?: string;
}

function AddExpenseModal({ visitId, onClose }: { visitId: string; onClose: () => void }) {
  const { t } = useTranslation('expenses');
  const { message } = App.useApp();
  const [form] = Form.useForm<AddForm>();
  const create = useCreateExpense(visitId);
  const submit = (v: AddForm) => {
    const amountFen = yuanToFen(v.amount);
    if (amountFen === null) return;
    create.mutate(
      { amountFen, receiptRef: v.receiptRef.trim(), note: v.note?.trim() || undefined },
      {
        onSuccess: () => {
          message.success(t('form.saved'));
          onClose();
        },
        onError: (e) => message.error(errorText(t, e)),
      },
    );
  };
  return (
    <Modal
      open
      title={t('form.title')}
      okText={t('common:actions.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'expense-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="expense-form">
        <Form.Item
          name="amount"
          label={t('form.amount')}
          rules={[
            {
              validator: (_, v: string | undefined) =>
                v && validYuan(v) ? Promise.resolve() : Promise.reject(new Error(t('form.amountInvalid'))),
            },
          ]}
        >
          <Input prefix="¥" inputMode="decimal" autoFocus data-testid="expense-amount-input" />
        </Form.Item>
        <Form.Item
          name="receiptRef"
          label={t('form.receiptRef')}
          extra={t('form.receiptHint')}
          rules={[{ required: true, whitespace: true, message: t('form.receiptRequired') }]}
        >
          <Input maxLength={100} data-testid="expense-receipt" />
        </Form.Item>
        <Form.Item name="note" label={t('form.note')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="expense-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
