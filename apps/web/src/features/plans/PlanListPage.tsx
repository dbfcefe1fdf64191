import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Flex, Form, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { monthInOrg } from '../../lib/format';
import { plansQuery, useCreatePlan } from './api';
import { planError } from './errors';
import { PlanDetailsModal, type PlanDetailsValues } from './PlanDetailsModal';
import { PlanFilters, PlanTable, usePlanListParams } from './PlanTable';

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
            <Typography.Title level={1} style={{ margin: 0 }}>
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
        <PlanTable plans={plans} linkTo={(p) => `/plans/${p.id}`} page={page} size={size} patch={patch} />
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
  const [form] = Form.useForm<PlanDetailsValues & { month: Dayjs }>();
  const thisMonth = monthInOrg();
  const month = Form.useWatch('month', form);
  return (
    <PlanDetailsModal
      title={t('create.title')}
      okText={t('common:actions.create')}
      form={form}
      initialValues={{ month: dayjs(`${monthInOrg(1)}-01`), dailyCap: 20 }}
      loading={create.isPending}
      onClose={onClose}
      testIdPrefix="plan-create"
      namePlaceholder={t('create.namePlaceholder', { month: month ? month.format('YYYY-MM') : '' })}
      focusPlaceholder={t('create.focusPlaceholder')}
      leading={
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
      }
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
    />
  );
}
