import type { TPolicy, TTicketCategory } from '@huifang/contracts';
import { TICKET_SEVERITIES } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import type { GetProps } from 'antd';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  InputNumber,
  Select,
  Skeleton,
  Space,
  Table,
  TimePicker,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { errorKeys } from '../../lib/api';
import { policyQuery, routesQuery, useSavePolicy, useSaveRoutes } from './api';

interface Values {
  passThreshold: number;
  appealWindowDays: number;
  hours: [Dayjs, Dayjs];
  weekdays: number[];
  holidays: Dayjs[];
  slaHours: TPolicy['slaHours'];
  escalateToManagementAfterHours: number;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/**
 * The weekday checkboxes without the `aria-required` Form.Item gives its control: a group of
 * checkboxes may not carry it (each box is its own control); the rule still requires one.
 */
function WeekdaysInput({
  'aria-required': _required,
  ...props
}: GetProps<typeof Checkbox.Group<number>> & { 'aria-required'?: unknown }) {
  return <Checkbox.Group<number> {...props} />;
}

/** 设置: supervision thresholds, business hours, SLA hours per severity and the ticket routing table. */
export function PolicyPage() {
  const { t } = useTranslation('policy');
  const { message } = App.useApp();
  const policy = useQuery(policyQuery);
  const save = useSavePolicy();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    const p = policy.data;
    if (!p) return;
    form.setFieldsValue({
      passThreshold: p.passThreshold,
      appealWindowDays: p.appealWindowDays,
      hours: [dayjs(p.businessHours.start, 'HH:mm'), dayjs(p.businessHours.end, 'HH:mm')],
      weekdays: p.businessHours.weekdays,
      holidays: p.businessHours.holidays.map((d) => dayjs(d)),
      slaHours: p.slaHours,
      escalateToManagementAfterHours: p.escalateToManagementAfterHours,
    });
  }, [policy.data, form]);

  if (policy.isError) return <LoadError error={policy.error} onRetry={() => policy.refetch()} />;
  if (!policy.data) return <Skeleton active />;

  const onFinish = async (v: Values) => {
    try {
      await save.mutateAsync({
        passThreshold: v.passThreshold,
        appealWindowDays: v.appealWindowDays,
        businessHours: {
          start: v.hours[0].format('HH:mm'),
          end: v.hours[1].format('HH:mm'),
          weekdays: [...v.weekdays].sort(),
          holidays: (v.holidays ?? []).map((d) => d.format('YYYY-MM-DD')).sort(),
        },
        slaHours: v.slaHours,
        escalateToManagementAfterHours: v.escalateToManagementAfterHours,
        version: policy.data.version,
      });
      message.success(t('common:saved'));
    } catch (error) {
      message.error(t(errorKeys(error, 'policy:error')));
      void policy.refetch();
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={<PageTitle title={t('title')} subtitle={t('subtitle')} />}>
        <Form<Values> form={form} layout="vertical" style={{ maxWidth: 640 }} onFinish={onFinish}>
          <Form.Item name="passThreshold" label={t('passThreshold')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} addonAfter={t('points')} data-testid="pass-threshold" />
          </Form.Item>
          <Form.Item name="appealWindowDays" label={t('appealWindowDays')} rules={[{ required: true }]}>
            <InputNumber min={0} max={90} addonAfter={t('days')} />
          </Form.Item>
          <Form.Item
            name="hours"
            label={t('businessHours')}
            rules={[{ required: true }]}
            extra={t('businessHoursHint')}
          >
            <TimePicker.RangePicker format="HH:mm" minuteStep={15} order />
          </Form.Item>
          <Form.Item
            name="weekdays"
            label={t('weekdays')}
            rules={[{ required: true, type: 'array', min: 1, message: t('weekdaysRequired') }]}
          >
            <WeekdaysInput options={WEEKDAYS.map((d) => ({ value: d, label: t(`weekday.${d}`) }))} />
          </Form.Item>
          <Form.Item name="holidays" label={t('holidays')}>
            <DatePicker multiple format="YYYY-MM-DD" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('slaHours')} extra={t('slaHoursHint')} required>
            <Space wrap>
              {TICKET_SEVERITIES.map((s) => (
                <Form.Item key={s} name={['slaHours', s]} noStyle rules={[{ required: true }]}>
                  <InputNumber
                    min={0.5}
                    max={2000}
                    step={1}
                    addonBefore={t(`tickets:severity.${s}`)}
                    aria-label={`${t('slaHours')}: ${t(`tickets:severity.${s}`)}`}
                    addonAfter={t('hours')}
                    style={{ width: 190 }}
                  />
                </Form.Item>
              ))}
            </Space>
          </Form.Item>
          <Form.Item
            name="escalateToManagementAfterHours"
            label={t('escalateAfter')}
            extra={t('escalateAfterHint')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={2000} addonAfter={t('hours')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="policy-save">
            {t('common:actions.save')}
          </Button>
        </Form>
      </Card>
      <RoutingCard />
    </Space>
  );
}

function RoutingCard() {
  const { t } = useTranslation('policy');
  const { message } = App.useApp();
  const routes = useQuery(routesQuery);
  const save = useSaveRoutes();
  const [draft, setDraft] = useState<Record<string, string>>({});
  useEffect(() => {
    if (routes.data)
      setDraft(Object.fromEntries(routes.data.routes.map((r) => [r.category, r.department.id])));
  }, [routes.data]);
  if (routes.isError) return <LoadError error={routes.error} onRetry={() => routes.refetch()} />;
  const rows = routes.data?.routes ?? [];
  const onSave = async () => {
    try {
      await save.mutateAsync({
        routes: rows.map((r) => ({
          category: r.category,
          departmentId: draft[r.category] ?? r.department.id,
        })),
      });
      message.success(t('common:saved'));
    } catch (error) {
      message.error(t(errorKeys(error, 'policy:error')));
    }
  };
  return (
    <Card
      title={<PageTitle level={2} title={t('routing.title')} subtitle={t('routing.subtitle')} />}
      extra={
        <Button type="primary" onClick={onSave} loading={save.isPending} disabled={!rows.length}>
          {t('common:actions.save')}
        </Button>
      }
    >
      <Table
        rowKey="category"
        size="small"
        pagination={false}
        loading={routes.isLoading}
        dataSource={rows}
        style={{ maxWidth: 640 }}
        columns={[
          {
            title: t('routing.category'),
            dataIndex: 'category',
            render: (c: TTicketCategory) => t(`tickets:category.${c}`),
          },
          {
            title: t('routing.department'),
            key: 'department',
            render: (_, r) => (
              <Select
                style={{ width: 220 }}
                aria-label={`${t('routing.department')}: ${t(`tickets:category.${r.category}`)}`}
                value={draft[r.category]}
                onChange={(v: string) => setDraft((d) => ({ ...d, [r.category]: v }))}
                options={(routes.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
