import { PlusOutlined } from '@ant-design/icons';
import { PLAN_STATUSES, type TPlanStatus, type TPlanSummary } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatDateTime, formatNumber, monthInOrg } from '../../lib/format';
import { plansQuery, useCreatePlan } from './api';
import { planError } from './errors';
import { PlanStatusTag } from './PlanSections';

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Filters kept in the URL, so a reload or a shared link shows the same list. */
export function usePlanListParams(defaults: { status?: TPlanStatus } = {}) {
  const [params, setParams] = useSearchParams();
  const month = MONTH_RE.test(params.get('month') ?? '') ? (params.get('month') as string) : undefined;
  const raw = params.get('status');
  const status =
    raw && (PLAN_STATUSES as readonly string[]).includes(raw) ? (raw as TPlanStatus) : defaults.status;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const size = Math.min(200, Math.max(1, Number(params.get('size')) || 20));
  const patch = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '') p.delete(k);
      else p.set(k, v);
    }
    if (!('page' in next)) p.delete('page');
    setParams(p, { replace: true });
  };
  return { month, status, page, size, patch, params };
}

export function PlanFilters({
  month,
  status,
  onChange,
  showStatus = true,
}: {
  month?: string;
  status?: TPlanStatus;
  onChange: (next: Record<string, string | undefined>) => void;
  showStatus?: boolean;
}) {
  const { t } = useTranslation('plans');
  return (
    <Space wrap>
      <DatePicker
        picker="month"
        allowClear
        placeholder={t('list.allMonths')}
        value={month ? dayjs(`${month}-01`) : null}
        onChange={(v: Dayjs | null) => onChange({ month: v ? v.format('YYYY-MM') : undefined })}
        data-testid="filter-month"
      />
      {showStatus ? (
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('list.allStatuses')}
          value={status}
          onChange={(v?: string) => onChange({ status: v })}
          options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`common:planStatus.${s}`) }))}
          data-testid="filter-status"
        />
      ) : null}
    </Space>
  );
}

export function planColumns(
  t: (k: string) => string,
  linkTo: (p: TPlanSummary) => string,
): ColumnsType<TPlanSummary> {
  return [
    {
      title: t('col.title'),
      dataIndex: 'title',
      render: (title: string, r) => (
        <Link to={linkTo(r)} data-testid="plan-link">
          {title}
        </Link>
      ),
    },
    { title: t('col.month'), dataIndex: 'month', width: 90 },
    { title: t('col.team'), dataIndex: 'teamName', width: 110 },
    {
      title: t('col.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: TPlanStatus) => <PlanStatusTag status={s} />,
    },
    {
      title: t('col.customers'),
      dataIndex: 'itemCount',
      width: 90,
      align: 'right',
      render: (n: number) => formatNumber(n),
    },
    {
      title: t('col.excluded'),
      dataIndex: 'excludedCount',
      width: 80,
      align: 'right',
      render: (n: number) => formatNumber(n),
    },
    {
      title: t('col.creator'),
      dataIndex: 'creatorName',
      width: 100,
      render: (n: string | null) => n ?? '--',
    },
    {
      title: t('col.submittedAt'),
      dataIndex: 'submittedAt',
      width: 150,
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('col.updatedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
  ];
}

/** The lead's plans: filters, the list, and "new plan". */
export function PlanListPage() {
  const { t } = useTranslation('plans');
  const { month, status, page, size, patch } = usePlanListParams();
  const plans = useQuery(plansQuery({ month, status, page, size }));
  const [creating, setCreating] = useState(false);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('list.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('list.subtitle')}</Typography.Text>
          </div>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="plan-create"
          >
            {t('list.create')}
          </Button>
        </Flex>
      </Card>
      <Card size="small" extra={<PlanFilters month={month} status={status} onChange={patch} />}>
        <Table
          size="small"
          rowKey="id"
          columns={planColumns(t, (p) => `/plans/${p.id}`)}
          dataSource={plans.data?.items}
          loading={plans.isFetching}
          locale={plans.isError ? { emptyText: planError(t, plans.error) } : undefined}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize: size,
            total: plans.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common:total', { count: n }),
            onChange: (p, s) => patch({ page: String(s === size ? p : 1), size: String(s) }),
          }}
        />
      </Card>
      {creating ? <CreatePlanModal onClose={() => setCreating(false)} /> : null}
    </Space>
  );
}

function CreatePlanModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('plans');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreatePlan();
  const [form] = Form.useForm<{ month: Dayjs; title?: string; focus?: string; dailyCap: number }>();
  const thisMonth = monthInOrg();
  const month = Form.useWatch('month', form);
  return (
    <Modal
      open
      title={t('create.title')}
      onCancel={onClose}
      okText={t('common:actions.create')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'plan-create-ok' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ month: dayjs(`${monthInOrg(1)}-01`), dailyCap: 20 }}
        onFinish={(v) =>
          create.mutate(
            {
              month: v.month.format('YYYY-MM'),
              title: v.title?.trim() || undefined,
              focus: v.focus?.trim() || undefined,
              dailyCap: v.dailyCap,
            },
            {
              onSuccess: (plan) => {
                message.success(t('create.created'));
                navigate(`/plans/${plan.id}`);
              },
              onError: (e) => void message.error(planError(t, e)),
            },
          )
        }
      >
        <Form.Item
          label={t('create.month')}
          name="month"
          rules={[{ required: true, message: t('add.required') }]}
        >
          <DatePicker
            picker="month"
            allowClear={false}
            disabledDate={(d) => d.format('YYYY-MM') < thisMonth}
            data-testid="create-month"
          />
        </Form.Item>
        <Form.Item label={t('create.name')} name="title">
          <Input
            maxLength={100}
            placeholder={t('create.namePlaceholder', { month: month ? month.format('YYYY-MM') : '' })}
          />
        </Form.Item>
        <Form.Item label={t('create.focus')} name="focus">
          <Input.TextArea rows={3} maxLength={500} placeholder={t('create.focusPlaceholder')} />
        </Form.Item>
        <Form.Item
          label={t('create.dailyCap')}
          name="dailyCap"
          rules={[{ required: true, message: t('add.required') }]}
        >
          <InputNumber min={1} max={200} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
