import { PlusOutlined } from '@ant-design/icons';
import type { TCustomerEvent, TCustomerEventKind } from '@huifang/contracts';
import { CUSTOMER_EVENT_KINDS } from '@huifang/contracts/values';
import { isEventDayAllowed } from '@huifang/domain';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { errorKeys } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { formatDateTime, formatDay, todayInOrg } from '../../lib/format';
import { customerEventsQuery, useCancelCustomerEvent, useRecordCustomerEvent } from './api';

/**
 * 客户事件: what happened to the customer (docs/product.md#customer-events), latest first; a lead or an
 * administrator records one or cancels one recorded in error.
 */
export function CustomerEventsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation('customers');
  const can = useCan();
  const events = useQuery(customerEventsQuery(customerId));
  const [adding, setAdding] = useState(false);
  const [cancelling, setCancelling] = useState<TCustomerEvent | null>(null);
  const writable = can('customer:write');

  return (
    <Card
      size="small"
      title={t('events.title', { count: events.data?.total ?? 0 })}
      data-testid="customer-events"
      extra={
        writable ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="event-add"
          >
            {t('events.add')}
          </Button>
        ) : null
      }
    >
      {events.isError ? (
        <LoadError error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <Table<TCustomerEvent>
          rowKey="id"
          size="small"
          loading={events.isPending}
          dataSource={events.data?.items ?? []}
          pagination={
            (events.data?.items.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false } : false
          }
          locale={{ emptyText: t('events.empty') }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('events.day'),
              dataIndex: 'day',
              render: (d: string, e) =>
                e.cancelled ? <Typography.Text delete>{formatDay(d)}</Typography.Text> : formatDay(d),
            },
            {
              title: t('events.kind'),
              dataIndex: 'kind',
              render: (k: TCustomerEventKind) => <Tag>{t(`eventKind.${k}`)}</Tag>,
            },
            { title: t('events.source'), dataIndex: 'source', render: (s: string) => t(`eventSource.${s}`) },
            { title: t('events.note'), dataIndex: 'note', render: (n: string | null) => n ?? '--' },
            {
              title: t('events.recorded'),
              key: 'recorded',
              render: (_: unknown, e) =>
                `${e.createdBy?.name ?? t('events.bySystem')} · ${formatDateTime(e.createdAt)}`,
            },
            {
              title: t('events.status'),
              key: 'status',
              render: (_: unknown, e) =>
                e.cancelled ? (
                  <Space orientation="vertical" size={0}>
                    <Tag>{t('events.cancelled')}</Tag>
                    <Typography.Text type="secondary">{e.cancelled.reason}</Typography.Text>
                  </Space>
                ) : writable ? (
                  <Button
                    size="small"
                    type="link"
                    danger
                    onClick={() => setCancelling(e)}
                    data-testid="event-cancel"
                  >
                    {t('events.cancel')}
                  </Button>
                ) : (
                  <Tag color="green">{t('events.valid')}</Tag>
                ),
            },
          ]}
          data-testid="customer-events-table"
        />
      )}
      {adding ? <RecordEventModal customerId={customerId} onClose={() => setAdding(false)} /> : null}
      {cancelling ? (
        <CancelEventModal customerId={customerId} event={cancelling} onClose={() => setCancelling(null)} />
      ) : null}
    </Card>
  );
}

interface RecordValues {
  kind: TCustomerEventKind;
  day: Dayjs;
  note?: string;
}

function RecordEventModal({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordValues>();
  const record = useRecordCustomerEvent(customerId);
  const today = todayInOrg();
  const submit = (v: RecordValues) =>
    record.mutate(
      { customerId, kind: v.kind, day: v.day.format('YYYY-MM-DD'), note: v.note?.trim() || undefined },
      {
        onSuccess: () => {
          message.success(t('events.saved'));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={t('events.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={record.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'event-save' } as ButtonProps}
    >
      {record.isError ? (
        <Alert
          type="error"
          showIcon
          title={t(errorKeys(record.error, 'customers:events.error'))}
          style={{ marginBottom: 16 }}
          data-testid="event-error"
        />
      ) : null}
      <Form<RecordValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="kind"
          label={t('events.kind')}
          rules={[{ required: true, message: t('events.kindRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={CUSTOMER_EVENT_KINDS.map((k) => ({ value: k, label: t(`eventKind.${k}`) }))}
            data-testid="event-kind"
          />
        </Form.Item>
        <Form.Item
          name="day"
          label={t('events.day')}
          extra={t('events.dayHint')}
          rules={[{ required: true, message: t('events.dayRequired') }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => !isEventDayAllowed(d.format('YYYY-MM-DD'), today)}
            data-testid="event-day"
          />
        </Form.Item>
        <Form.Item name="note" label={t('events.note')}>
          <Input.TextArea rows={2} maxLength={500} showCount data-testid="event-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CancelEventModal({
  customerId,
  event,
  onClose,
}: {
  customerId: string;
  event: TCustomerEvent;
  onClose: () => void;
}) {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelCustomerEvent(customerId);
  return (
    <Modal
      open
      title={t('events.cancelTitle', {
        kind: t(`eventKind.${event.kind}`),
        day: formatDay(event.day),
      })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('events.cancel')}
      okButtonProps={{ danger: true, 'data-testid': 'event-cancel-confirm' } as ButtonProps}
      cancelText={t('common:actions.back')}
      confirmLoading={cancel.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('events.cancelHint')}</Typography.Paragraph>
      {cancel.isError ? (
        <Alert
          type="error"
          showIcon
          title={t(errorKeys(cancel.error, 'customers:events.error'))}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<{ reason: string }>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          cancel.mutate(
            { id: event.id, version: event.version, reason: v.reason.trim() },
            {
              onSuccess: () => {
                message.success(t('events.cancelledDone'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label={t('events.reason')}
          rules={[{ required: true, whitespace: true, message: t('events.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="event-cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
