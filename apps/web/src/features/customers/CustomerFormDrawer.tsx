import type {
  TChannel,
  TCustomer,
  TCustomerCreate,
  TCustomerDetail,
  TCustomerPatch,
  TSegment,
  TTier,
} from '@huifang/contracts';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Switch,
  TimePicker,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorKeys } from '../../lib/api';
import { customerKeys, useCreateCustomer, useUpdateCustomer } from './api';
import { customerFieldErrors } from './errors';
import { useEnumOptions } from './labels';

interface Values {
  name: string;
  phone?: string;
  email?: string;
  segment: TSegment;
  tier: TTier;
  programme?: string;
  enrolledAt?: Dayjs | null;
  completedAt?: Dayjs | null;
  notes?: string;
  refusesVisits: boolean;
  preferredChannel?: TChannel | null;
  preferredTime?: [Dayjs, Dayjs] | null;
  consentNote?: string;
  language?: 'zh-CN' | 'en';
}

const PHONE = /^[\d\s+\-()]{7,30}$/;

function toValues(c: TCustomerDetail | undefined): Partial<Values> {
  if (!c) return { refusesVisits: false };
  return {
    name: c.name,
    phone: c.contactMasked ? undefined : c.phone,
    email: c.contactMasked ? undefined : (c.email ?? undefined),
    segment: c.segment,
    tier: c.tier,
    programme: c.programme ?? undefined,
    enrolledAt: c.enrolledAt ? dayjs(c.enrolledAt) : null,
    completedAt: c.completedAt ? dayjs(c.completedAt) : null,
    notes: c.notes ?? undefined,
    refusesVisits: c.refusesVisits,
    preferredChannel: c.preferredChannel,
    preferredTime:
      c.preferredTimeFrom && c.preferredTimeTo
        ? [dayjs(c.preferredTimeFrom, 'HH:mm'), dayjs(c.preferredTimeTo, 'HH:mm')]
        : null,
    consentNote: c.consentNote ?? undefined,
    language: c.language,
  };
}

/** Create (no customer) or edit a customer, consent included, in a one-column drawer form. */
export function CustomerFormDrawer({
  open,
  customer,
  onClose,
  onSaved,
}: {
  open: boolean;
  customer?: TCustomerDetail;
  onClose: () => void;
  onSaved?: (c: TCustomer) => void;
}) {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const create = useCreateCustomer();
  const update = useUpdateCustomer(customer?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const options = useEnumOptions();
  const editing = !!customer;
  const masked = editing && customer.contactMasked;

  useEffect(() => {
    if (open) setError(null);
  }, [open]);
  // Also after a 409, when the customer is reloaded: the form shows what is stored now
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(toValues(customer) as Values);
    }
  }, [open, customer, form]);

  const label = (k: string) => t(`field.${k}`);

  const submit = async (v: Values) => {
    setError(null);
    const day = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null);
    const body = {
      name: v.name,
      segment: v.segment,
      tier: v.tier,
      programme: v.programme?.trim() || null,
      enrolledAt: day(v.enrolledAt),
      completedAt: day(v.completedAt),
      notes: v.notes?.trim() || null,
      refusesVisits: v.refusesVisits,
      preferredChannel: v.preferredChannel ?? null,
      preferredTimeFrom: v.preferredTime ? v.preferredTime[0].format('HH:mm') : null,
      preferredTimeTo: v.preferredTime ? v.preferredTime[1].format('HH:mm') : null,
      consentNote: v.consentNote?.trim() || null,
      language: v.language ?? 'zh-CN',
    };
    try {
      if (editing) {
        const patch: TCustomerPatch = { ...body, version: customer.version };
        // Masked contacts are only sent when retyped
        if (v.phone?.trim()) patch.phone = v.phone.trim();
        if (v.email !== undefined && (v.email.trim() || !masked)) patch.email = v.email.trim() || null;
        const saved = await update.mutateAsync(patch);
        message.success(t('form.saved'));
        onSaved?.(saved);
      } else {
        const created = await create.mutateAsync({
          ...body,
          phone: v.phone?.trim() ?? '',
          email: v.email?.trim() || null,
        } as TCustomerCreate);
        message.success(t('form.created'));
        onSaved?.(created);
      }
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'STALE_VERSION' && customer) {
        setError(t('form.stale'));
        await qc.invalidateQueries({ queryKey: customerKeys.detail(customer.id) });
        return;
      }
      // The only unique field of a customer (also when a concurrent create wins the race)
      if (e instanceof ApiError && e.code === 'CONFLICT') {
        form.setFields([{ name: 'phone', errors: [t('form.phoneTaken')] }]);
        return;
      }
      const fields = customerFieldErrors(e).map(({ name, keys }) => ({
        name,
        errors: [t(keys, { field: label(name) })],
      }));
      if (fields.length > 0) {
        form.setFields(fields);
        return;
      }
      setError(t(errorKeys(e, 'customers:apiError')));
    }
  };

  const pending = create.isPending || update.isPending;
  const required = (k: string) => ({
    required: true,
    whitespace: true,
    message: t('form.required', { field: label(k) }),
  });

  return (
    <Drawer
      title={editing ? t('form.editTitle') : t('form.newTitle')}
      open={open}
      onClose={onClose}
      size={520}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="primary" loading={pending} onClick={() => form.submit()} data-testid="customer-save">
            {t('common:actions.save')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark disabled={pending}>
        <Form.Item name="name" label={label('name')} rules={[required('name'), { max: 100 }]}>
          <Input autoFocus maxLength={100} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={label('phone')}
          extra={masked ? t('form.keepContact', { value: customer.phone }) : t('form.phoneHelp')}
          rules={[
            ...(masked ? [] : [required('phone')]),
            { pattern: PHONE, message: t('form.phoneInvalid') },
          ]}
        >
          <Input inputMode="tel" maxLength={30} placeholder={masked ? customer.phone : '13812345678'} />
        </Form.Item>
        <Form.Item
          name="email"
          label={label('email')}
          extra={masked && customer.email ? t('form.keepContact', { value: customer.email }) : undefined}
          rules={[{ type: 'email', message: t('form.emailInvalid') }]}
        >
          <Input inputMode="email" maxLength={200} placeholder={masked ? (customer.email ?? '') : ''} />
        </Form.Item>
        {(['segment', 'tier'] as const).map((kind) => (
          <Form.Item
            key={kind}
            name={kind}
            label={label(kind)}
            rules={[{ required: true, message: t('form.required', { field: label(kind) }) }]}
          >
            <Select options={options(kind)} />
          </Form.Item>
        ))}
        <Form.Item name="programme" label={label('programme')}>
          <Input maxLength={100} />
        </Form.Item>
        <Space size={16} style={{ display: 'flex' }}>
          <Form.Item name="enrolledAt" label={label('enrolledAt')}>
            <DatePicker format="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="completedAt" label={label('completedAt')}>
            <DatePicker format="YYYY-MM-DD" />
          </Form.Item>
        </Space>
        <Form.Item name="notes" label={label('notes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>

        <Divider titlePlacement="start">{t('form.consentSection')}</Divider>
        <Form.Item
          name="refusesVisits"
          label={label('refusesVisits')}
          valuePropName="checked"
          extra={t('form.refusesHint')}
        >
          <Switch data-testid="refuses-visits" />
        </Form.Item>
        <Form.Item name="preferredChannel" label={label('preferredChannel')}>
          <Select allowClear placeholder={t('detail.noPreference')} options={options('channel')} />
        </Form.Item>
        <Form.Item name="language" label={label('language')} extra={t('form.languageHint')}>
          <Select
            options={[
              { value: 'zh-CN', label: '简体中文' },
              { value: 'en', label: 'English' },
            ]}
            placeholder="简体中文"
            data-testid="customer-language"
          />
        </Form.Item>
        <Form.Item name="preferredTime" label={label('preferredTime')}>
          <TimePicker.RangePicker format="HH:mm" minuteStep={15} order />
        </Form.Item>
        <Form.Item name="consentNote" label={label('consentNote')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
