import { ArrowLeftOutlined } from '@ant-design/icons';
import type { TEnquiryDetail } from '@huifang/contracts';
import { CHURN_CATEGORIES } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Skeleton,
  Space,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { errorKeys, fieldIssues } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { formatDateTime, formatDay, todayInOrg } from '../../lib/format';
import { enquiryQuery, reasonsQuery, useEnquiryAction } from './api';
import { EnquiryStatusTag, useReasonLabel } from './labels';

/** One enquiry: who, what about, its follow-ups, and converting or closing it. */
export function EnquiryDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('enquiries');
  const q = useQuery(enquiryQuery(id));
  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Skeleton active />;
  const e = q.data;
  return (
    <Flex vertical gap={16}>
      <Card
        title={<PageTitle title={t('detail.title', { number: e.number, name: e.name })} />}
        extra={
          <Link to="/enquiries">
            <Button icon={<ArrowLeftOutlined />}>{t('detail.back')}</Button>
          </Link>
        }
      >
        <Summary e={e} />
      </Card>
      <Actions e={e} />
      <FollowUps e={e} />
    </Flex>
  );
}

function Summary({ e }: { e: TEnquiryDetail }) {
  const { t } = useTranslation('enquiries');
  const can = useCan();
  const reasonLabel = useReasonLabel();
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="enquiry-summary">
      <Descriptions.Item label={t('col.status')}>
        <EnquiryStatusTag status={e.status} />
      </Descriptions.Item>
      <Descriptions.Item label={t('col.phone')}>
        <span data-testid="enquiry-phone-shown">{e.phone}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('col.channel')}>{t(`channel.${e.channel}`)}</Descriptions.Item>
      <Descriptions.Item label={t('col.course')}>{e.course ?? '--'}</Descriptions.Item>
      <Descriptions.Item label={t('col.day')}>{formatDay(e.day)}</Descriptions.Item>
      <Descriptions.Item label={t('col.handledBy')}>{e.handledBy?.name ?? '--'}</Descriptions.Item>
      {e.customer ? (
        <Descriptions.Item label={t('col.customer')}>
          {can('customer:read:any') ? (
            <Link to={`/customers/${e.customer.id}`} data-testid="enquiry-customer">
              {e.customer.name}
            </Link>
          ) : (
            <span data-testid="enquiry-customer">{e.customer.name}</span>
          )}
        </Descriptions.Item>
      ) : null}
      {e.status === 'NOT_ENROLLED' ? (
        <Descriptions.Item label={t('col.lostReason')}>
          {e.lostReason ? `${t(`category.${e.lostReason.category}`)} / ${reasonLabel(e.lostReason)}` : '--'}
          {e.lostNote ? `（${e.lostNote}）` : ''}
        </Descriptions.Item>
      ) : null}
      {e.decidedAt ? (
        <Descriptions.Item label={t('col.decidedAt')}>{formatDateTime(e.decidedAt)}</Descriptions.Item>
      ) : null}
      {e.note ? <Descriptions.Item label={t('col.note')}>{e.note}</Descriptions.Item> : null}
    </Descriptions>
  );
}

function useFail() {
  const { t } = useTranslation('enquiries');
  const { message } = App.useApp();
  return (error: unknown, form?: { setFields: (f: { name: never; errors: string[] }[]) => void }) => {
    const issues = fieldIssues(error);
    if (form && issues.length)
      form.setFields(
        issues.map((i) => ({
          name: i.name as never,
          errors: [t(`field.${i.path}`, { defaultValue: t('error.VALIDATION') })],
        })),
      );
    else message.error(t(errorKeys(error, 'enquiries:error')));
  };
}

function Actions({ e }: { e: TEnquiryDetail }) {
  const { t } = useTranslation('enquiries');
  const can = useCan();
  const { message } = App.useApp();
  const act = useEnquiryAction(e.id);
  const fail = useFail();
  const today = todayInOrg();
  const [form] = Form.useForm<{ note: string; nextDay?: Dayjs | null }>();
  const [converting, setConverting] = useState(false);
  const [closing, setClosing] = useState(false);
  if (!can('enquiry:write') || e.status !== 'OPEN') return null;
  return (
    <Card title={<PageTitle level={2} title={t('actions.title')} />}>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          try {
            await act.mutateAsync({
              kind: 'follow-up',
              body: { note: v.note, nextDay: v.nextDay ? v.nextDay.format('YYYY-MM-DD') : null },
            });
            form.resetFields();
            message.success(t('followUp.done'));
          } catch (error) {
            fail(error, form as never);
          }
        }}
      >
        <Form.Item
          name="note"
          label={t('followUp.note')}
          rules={[{ required: true, whitespace: true, message: t('field.note') }]}
        >
          <Input.TextArea rows={2} maxLength={1000} data-testid="follow-up-note" />
        </Form.Item>
        <Flex gap={12} wrap align="end">
          <Form.Item name="nextDay" label={t('followUp.nextDay')} style={{ marginBottom: 0 }}>
            <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') < today} data-testid="follow-up-next" />
          </Form.Item>
          <Button htmlType="submit" loading={act.isPending} data-testid="follow-up-save">
            {t('followUp.save')}
          </Button>
          <Space wrap style={{ marginLeft: 'auto' }}>
            <Button type="primary" onClick={() => setConverting(true)} data-testid="enquiry-convert">
              {t('convert.action')}
            </Button>
            <Button danger onClick={() => setClosing(true)} data-testid="enquiry-close">
              {t('close.action')}
            </Button>
          </Space>
        </Flex>
      </Form>
      <ConvertModal e={e} open={converting} onClose={() => setConverting(false)} />
      <CloseModal e={e} open={closing} onClose={() => setClosing(false)} />
    </Card>
  );
}

function ConvertModal({ e, open, onClose }: { e: TEnquiryDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('enquiries');
  const { message } = App.useApp();
  const act = useEnquiryAction(e.id);
  const fail = useFail();
  const today = todayInOrg();
  const [form] = Form.useForm<{ day: Dayjs; course?: string }>();
  return (
    <Modal
      open={open}
      title={t('convert.title')}
      okText={t('convert.ok')}
      onCancel={onClose}
      confirmLoading={act.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'convert-ok' } as never}
    >
      <Typography.Paragraph type="secondary">{t('convert.explain')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ day: dayjs(today), course: e.course ?? undefined }}
        onFinish={async (v) => {
          try {
            await act.mutateAsync({
              kind: 'convert',
              body: { version: e.version, day: v.day.format('YYYY-MM-DD'), course: v.course || undefined },
            });
            message.success(t('convert.done'));
            onClose();
          } catch (error) {
            fail(error, form as never);
          }
        }}
      >
        <Form.Item name="day" label={t('convert.day')} rules={[{ required: true }]}>
          <DatePicker
            allowClear={false}
            style={{ width: '100%' }}
            disabledDate={(d) => {
              const s = d.format('YYYY-MM-DD');
              return s > today || s < e.day;
            }}
          />
        </Form.Item>
        <Form.Item name="course" label={t('col.course')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CloseModal({ e, open, onClose }: { e: TEnquiryDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('enquiries');
  const { message } = App.useApp();
  const act = useEnquiryAction(e.id);
  const fail = useFail();
  const reasons = useQuery({ ...reasonsQuery, enabled: open });
  const reasonLabel = useReasonLabel();
  const [form] = Form.useForm<{ lostReasonId?: string; note?: string }>();
  const options = CHURN_CATEGORIES.map((c) => ({
    label: t(`category.${c}`),
    title: t(`category.${c}`),
    options: (reasons.data ?? [])
      .filter((r) => r.category === c)
      .map((r) => ({ value: r.id, label: reasonLabel(r) })),
  })).filter((g) => g.options.length > 0);
  return (
    <Modal
      open={open}
      title={t('close.title')}
      okText={t('close.ok')}
      okButtonProps={{ danger: true, 'data-testid': 'close-ok' } as never}
      onCancel={onClose}
      confirmLoading={act.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('close.explain')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          try {
            await act.mutateAsync({
              kind: 'close',
              body: { version: e.version, lostReasonId: v.lostReasonId, note: v.note?.trim() || undefined },
            });
            message.success(t('close.done'));
            onClose();
          } catch (error) {
            fail(error, form as never);
          }
        }}
      >
        <Form.Item
          name="lostReasonId"
          label={t('col.lostReason')}
          dependencies={['note']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value || (getFieldValue('note') ?? '').trim()
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('field.lostReasonId'))),
            }),
          ]}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={reasons.isLoading}
            options={options}
            placeholder={t('close.reasonPlaceholder')}
            data-testid="close-reason"
          />
        </Form.Item>
        <Form.Item name="note" label={t('col.lostNote')}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="close-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FollowUps({ e }: { e: TEnquiryDetail }) {
  const { t } = useTranslation('enquiries');
  return (
    <Card title={<PageTitle level={2} title={t('followUp.title')} />}>
      {e.followUps.length === 0 ? (
        <Empty description={t('followUp.empty')} />
      ) : (
        <Timeline
          data-testid="follow-up-timeline"
          items={e.followUps.map((f) => ({
            key: f.id,
            content: (
              <div>
                <Typography.Text type="secondary">
                  {formatDateTime(f.at)} · {f.by?.name ?? '--'}
                </Typography.Text>
                <div>{f.note}</div>
                {f.nextDay ? (
                  <Typography.Text type="secondary">
                    {t('followUp.nextOn', { day: formatDay(f.nextDay) })}
                  </Typography.Text>
                ) : null}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
