import type { TContactPolicy, TContactPolicyPatch } from '@huifang/contracts';
import { CONTACT_POLICY_LIMITS } from '@huifang/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Descriptions,
  Form,
  InputNumber,
  Modal,
  Space,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { api, errorKeys } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { contactPolicyQuery } from './api';

interface Values {
  maxContacts: number;
  windowDays: number;
  quietFrom: Dayjs | null;
  quietTo: Dayjs | null;
}

const hhmm = (d: Dayjs | null) => (d ? d.format('HH:mm') : null);
const asTime = (s: string | null) => (s ? dayjs(`2000-01-01T${s}`) : null);

/**
 * 联系频率与免打扰 (docs/rules.md#r-cad-6-contact-policy): at most N contacts with a customer in any
 * D days across every rule and plan, and the quiet hours; an administrator or a manager changes it.
 */
export function ContactPolicyCard() {
  const { t } = useTranslation('cadence');
  const policy = useQuery(contactPolicyQuery);
  const [editing, setEditing] = useState(false);
  const p = policy.data;
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 16 }}>
          {t('policy.title')}
        </Typography.Title>
      }
      extra={
        p?.canEdit ? (
          <Button onClick={() => setEditing(true)} data-testid="contact-policy-edit">
            {t('common:actions.edit')}
          </Button>
        ) : null
      }
      data-testid="contact-policy"
    >
      {policy.isError ? (
        <LoadError error={policy.error} onRetry={() => void policy.refetch()} />
      ) : (
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('policy.cap')}>
            <span data-testid="contact-policy-cap">
              {p ? t('policy.capValue', { n: p.maxContacts, days: p.windowDays }) : '--'}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('policy.quiet')}>
            <span data-testid="contact-policy-quiet">
              {p ? (p.quietFrom && p.quietTo ? `${p.quietFrom}–${p.quietTo}` : t('policy.noQuiet')) : '--'}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('policy.changed')}>
            {p?.updatedAt
              ? `${p.updatedBy?.name ?? ''} ${formatDateTime(p.updatedAt)}`
              : t('policy.defaults')}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('policy.hint')}
      </Typography.Paragraph>
      {editing && p ? <PolicyModal policy={p} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}

function PolicyModal({ policy, onClose }: { policy: TContactPolicy; onClose: () => void }) {
  const { t } = useTranslation('cadence');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (body: TContactPolicyPatch) =>
      api<TContactPolicy>('/contact-policy', { method: 'PATCH', body }),
    onSuccess: (p) => {
      qc.setQueryData(contactPolicyQuery.queryKey, p);
      message.success(t('policy.saved'));
      onClose();
    },
    onError: () => void qc.invalidateQueries({ queryKey: contactPolicyQuery.queryKey }),
  });
  const { maxContacts: m, windowDays: w } = CONTACT_POLICY_LIMITS;
  return (
    <Modal
      open
      title={t('policy.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'contact-policy-save' } as ButtonProps}
      destroyOnHidden
    >
      {save.isError ? (
        <Alert
          type="error"
          showIcon
          title={t(errorKeys(save.error, 'cadence:policy.error'))}
          style={{ marginBottom: 16 }}
          data-testid="contact-policy-error"
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          maxContacts: policy.maxContacts,
          windowDays: policy.windowDays,
          quietFrom: asTime(policy.quietFrom),
          quietTo: asTime(policy.quietTo),
        }}
        onFinish={(v) =>
          save.mutate({
            version: policy.version,
            maxContacts: v.maxContacts,
            windowDays: v.windowDays,
            quietFrom: hhmm(v.quietFrom),
            quietTo: hhmm(v.quietTo),
          })
        }
      >
        <Space wrap align="start">
          <Form.Item
            name="maxContacts"
            label={t('policy.maxContacts')}
            rules={[
              { required: true, type: 'integer', min: m.min, max: m.max, message: t('policy.range', m) },
            ]}
          >
            <InputNumber min={m.min} max={m.max} precision={0} data-testid="contact-policy-max" />
          </Form.Item>
          <Form.Item
            name="windowDays"
            label={t('policy.windowDays')}
            rules={[
              { required: true, type: 'integer', min: w.min, max: w.max, message: t('policy.range', w) },
            ]}
          >
            <InputNumber
              min={w.min}
              max={w.max}
              precision={0}
              suffix={t('days')}
              data-testid="contact-policy-days"
            />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item
            name="quietFrom"
            label={t('policy.quietFrom')}
            dependencies={['quietTo']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v: Dayjs | null) =>
                  !v !== !getFieldValue('quietTo')
                    ? Promise.reject(new Error(t('policy.bothEnds')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <TimePicker format="HH:mm" minuteStep={15} data-testid="contact-policy-quiet-from" />
          </Form.Item>
          <Form.Item
            name="quietTo"
            label={t('policy.quietTo')}
            dependencies={['quietFrom']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v: Dayjs | null) => {
                  const from = getFieldValue('quietFrom') as Dayjs | null;
                  if (!v !== !from) return Promise.reject(new Error(t('policy.bothEnds')));
                  if (v && from && hhmm(v) === hhmm(from))
                    return Promise.reject(new Error(t('policy.sameEnds')));
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <TimePicker format="HH:mm" minuteStep={15} data-testid="contact-policy-quiet-to" />
          </Form.Item>
        </Space>
        <Typography.Text type="secondary">{t('policy.quietHint')}</Typography.Text>
      </Form>
    </Modal>
  );
}
