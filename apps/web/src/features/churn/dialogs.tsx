// The register's actions, shared by the list and the case page: confirm a suggestion (stage and
// reason required), dismiss it with a reason, plan a win-back visit, record a case by hand.
import type { TChurnCase, TChurnStage, TCustomerListItem, TPage } from '@huifang/contracts';
import { CHURN_STAGES } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorKeys } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { todayInOrg } from '../../lib/format';
import { departmentsQuery, usersQuery } from '../admin/api';
import { churnReasonsQuery, useChurnStep } from './api';
import { useReasonOptions } from './labels';

const DAY = 'YYYY-MM-DD';
const notAfterToday = (d: Dayjs) => d.format(DAY) > todayInOrg();

function useDepartments() {
  const can = useCan();
  return useQuery({ ...departmentsQuery, enabled: can('directory:read') });
}

export type Dialog = { kind: 'confirm' | 'dismiss' | 'win-back'; c: TChurnCase } | { kind: 'create' } | null;

export function ChurnDialogs({ dialog, onClose }: { dialog: Dialog; onClose: () => void }) {
  if (!dialog) return null;
  if (dialog.kind === 'create') return <CreateDialog onClose={onClose} />;
  if (dialog.kind === 'confirm') return <ConfirmDialog c={dialog.c} onClose={onClose} />;
  if (dialog.kind === 'dismiss') return <DismissDialog c={dialog.c} onClose={onClose} />;
  return <WinBackDialog c={dialog.c} onClose={onClose} />;
}

function useRun(onClose: () => void) {
  const { t } = useTranslation('churn');
  const { message } = App.useApp();
  const step = useChurnStep();
  return {
    pending: step.isPending,
    run: (s: Parameters<typeof step.mutate>[0], done: string) =>
      step.mutate(s, {
        onSuccess: () => {
          message.success(t(done));
          onClose();
        },
        onError: (error) => message.error(t(errorKeys(error, 'churn:error'))),
      }),
  };
}

interface CaseValues {
  customerId?: string;
  stage: TChurnStage;
  day: Dayjs;
  reasonId: string;
  departmentId?: string;
  note?: string;
}

function CaseFields({
  withCustomer,
  currentReason,
}: {
  withCustomer?: boolean;
  currentReason?: string | null;
}) {
  const { t } = useTranslation('churn');
  const reasons = useQuery(churnReasonsQuery);
  const departments = useDepartments();
  const options = useReasonOptions(reasons.data?.items, currentReason);
  const [q, setQ] = useState('');
  const customers = useQuery({
    queryKey: ['churn', 'customer-pick', q],
    queryFn: ({ signal }) => api<TPage<TCustomerListItem>>('/customers', { signal, query: { q, size: 20 } }),
    enabled: !!withCustomer,
  });
  return (
    <>
      {withCustomer ? (
        <Form.Item
          name="customerId"
          label={t('field.customer')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder={t('field.customerSearch')}
            data-testid="churn-customer"
            options={(customers.data?.items ?? []).map((c) => ({
              value: c.id,
              label: `${c.name} ${c.phone}`,
            }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="stage" label={t('field.stage')} rules={[{ required: true, message: t('required') }]}>
        <Select
          data-testid="churn-stage"
          options={CHURN_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
        />
      </Form.Item>
      <Form.Item name="day" label={t('field.day')} rules={[{ required: true, message: t('required') }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={notAfterToday} />
      </Form.Item>
      <Form.Item
        name="reasonId"
        label={t('field.reason')}
        rules={[{ required: true, message: t('required') }]}
      >
        <Select data-testid="churn-reason" options={options} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      {departments.data ? (
        <Form.Item name="departmentId" label={t('field.department')} extra={t('field.departmentHint')}>
          <Select allowClear options={departments.data.items.map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
      ) : null}
      <Form.Item name="note" label={t('field.note')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </>
  );
}

function CreateDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('churn');
  const [form] = Form.useForm<CaseValues>();
  const { run, pending } = useRun(onClose);
  return (
    <Modal
      open
      title={t('create.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('create.ok')}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'churn-create-ok' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ day: dayjs(todayInOrg()) }}
        onFinish={(v) =>
          run(
            {
              action: 'create',
              body: {
                customerId: v.customerId!,
                stage: v.stage,
                day: v.day.format(DAY),
                reasonId: v.reasonId,
                ...(v.departmentId ? { departmentId: v.departmentId } : {}),
                ...(v.note ? { note: v.note } : {}),
              },
            },
            'create.done',
          )
        }
      >
        <CaseFields withCustomer />
      </Form>
    </Modal>
  );
}

function ConfirmDialog({ c, onClose }: { c: TChurnCase; onClose: () => void }) {
  const { t } = useTranslation('churn');
  const [form] = Form.useForm<CaseValues>();
  const { run, pending } = useRun(onClose);
  return (
    <Modal
      open
      title={t('confirm.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('confirm.ok')}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'churn-confirm-ok' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          stage: c.stage ?? undefined,
          day: dayjs(c.day),
          reasonId: c.reason?.id,
          departmentId: c.department?.id,
          note: c.note ?? undefined,
        }}
        onFinish={(v) =>
          run(
            {
              action: 'confirm',
              id: c.id,
              body: {
                version: c.version,
                stage: v.stage,
                reasonId: v.reasonId,
                day: v.day.format(DAY),
                ...(v.departmentId ? { departmentId: v.departmentId } : {}),
                ...(v.note ? { note: v.note } : {}),
              },
            },
            'confirm.done',
          )
        }
      >
        <CaseFields currentReason={c.reason?.id} />
      </Form>
    </Modal>
  );
}

function DismissDialog({ c, onClose }: { c: TChurnCase; onClose: () => void }) {
  const { t } = useTranslation('churn');
  const [form] = Form.useForm<{ reason: string }>();
  const { run, pending } = useRun(onClose);
  return (
    <Modal
      open
      title={t('dismiss.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('dismiss.ok')}
      okButtonProps={{ danger: true, 'data-testid': 'churn-dismiss-ok' }}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          run({ action: 'dismiss', id: c.id, body: { version: c.version, reason: v.reason } }, 'dismiss.done')
        }
      >
        <Form.Item
          name="reason"
          label={t('dismiss.reason')}
          rules={[{ required: true, whitespace: true, message: t('required') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="churn-dismiss-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WinBackDialog({ c, onClose }: { c: TChurnCase; onClose: () => void }) {
  const { t } = useTranslation('churn');
  const can = useCan();
  const [form] = Form.useForm<{ assigneeId?: string; dueDay: Dayjs }>();
  const { run, pending } = useRun(onClose);
  const callers = useQuery({ ...usersQuery({ role: 'CALLER' }), enabled: can('directory:read') });
  return (
    <Modal
      open
      title={t('winBack.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('winBack.ok')}
      okButtonProps={{ 'data-testid': 'churn-winback-ok' }}
      confirmLoading={pending}
      destroyOnHidden
    >
      <p>{t('winBack.explain')}</p>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ dueDay: dayjs(todayInOrg()).add(7, 'day') }}
        onFinish={(v) =>
          run(
            {
              action: 'win-back',
              id: c.id,
              body: {
                version: c.version,
                dueDay: v.dueDay.format(DAY),
                ...(v.assigneeId ? { assigneeId: v.assigneeId } : {}),
              },
            },
            'winBack.done',
          )
        }
      >
        {callers.data ? (
          <Form.Item name="assigneeId" label={t('winBack.assignee')} extra={t('winBack.assigneeHint')}>
            <Select
              allowClear
              data-testid="churn-winback-assignee"
              options={callers.data.items
                .filter((u) => u.active)
                .map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="dueDay"
          label={t('winBack.dueDay')}
          rules={[{ required: true, message: t('required') }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format(DAY) < todayInOrg()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
