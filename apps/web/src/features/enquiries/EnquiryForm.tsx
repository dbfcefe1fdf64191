import type { TEnquiryCreate } from '@huifang/contracts';
import { ENQUIRY_CHANNELS } from '@huifang/contracts/values';
import { App, Button, DatePicker, Drawer, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorKeys, fieldIssues } from '../../lib/api';
import { todayInOrg } from '../../lib/format';
import { useIsPhone } from '../../lib/media';
import { useCreateEnquiry } from './api';

interface Values {
  name: string;
  phone: string;
  channel: TEnquiryCreate['channel'];
  course?: string;
  day: Dayjs;
  note?: string;
}

/** The "new enquiry" drawer: who asked, how to reach them, through which channel, about what. */
export function EnquiryFormDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('enquiries');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateEnquiry();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const today = todayInOrg();

  const submit = async (v: Values) => {
    try {
      const e = await create.mutateAsync({
        name: v.name,
        phone: v.phone,
        channel: v.channel,
        course: v.course || undefined,
        day: v.day.format('YYYY-MM-DD'),
        note: v.note || undefined,
      });
      message.success(t('create.done', { number: e.number }));
      form.resetFields();
      onClose();
      navigate(`/enquiries/${e.id}`);
    } catch (error) {
      const issues = fieldIssues(error);
      if (issues.length)
        form.setFields(
          issues.map((i) => ({
            name: i.name as never,
            errors: [t(`field.${i.path}`, { defaultValue: t('error.VALIDATION') })],
          })),
        );
      else message.error(t(errorKeys(error, 'enquiries:error')));
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('create.title')}
      size={phone ? '100%' : 440}
      destroyOnHidden
      footer={
        <Button
          type="primary"
          block
          loading={create.isPending}
          onClick={() => form.submit()}
          data-testid="enquiry-save"
        >
          {t('create.save')}
        </Button>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ channel: 'PHONE', day: dayjs(today) }}
        data-testid="enquiry-form"
      >
        <Form.Item
          name="name"
          label={t('col.name')}
          rules={[{ required: true, whitespace: true, message: t('field.name') }]}
        >
          <Input maxLength={100} autoComplete="off" data-testid="enquiry-name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('col.phone')}
          rules={[{ required: true, whitespace: true, message: t('field.phone') }]}
        >
          <Input inputMode="tel" maxLength={40} autoComplete="off" data-testid="enquiry-phone" />
        </Form.Item>
        <Form.Item name="channel" label={t('col.channel')} rules={[{ required: true }]}>
          <Select
            options={ENQUIRY_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
            data-testid="enquiry-channel"
          />
        </Form.Item>
        <Form.Item name="course" label={t('col.course')}>
          <Input maxLength={100} data-testid="enquiry-course" />
        </Form.Item>
        <Form.Item name="day" label={t('col.day')} rules={[{ required: true }]}>
          <DatePicker
            style={{ width: '100%' }}
            allowClear={false}
            disabledDate={(d) => d.format('YYYY-MM-DD') > today}
          />
        </Form.Item>
        <Form.Item name="note" label={t('col.note')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
