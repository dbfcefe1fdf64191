// The dialog for a plan's details (name, focus, daily cap), used to create a plan and to edit one.
import { Form, type FormInstance, Input, InputNumber, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface PlanDetailsValues {
  title?: string;
  focus?: string;
  dailyCap: number;
}

export function PlanDetailsModal<V extends PlanDetailsValues>({
  title,
  okText,
  form,
  initialValues,
  loading,
  onFinish,
  onClose,
  leading,
  titleRequired = false,
  namePlaceholder,
  focusPlaceholder,
  testIdPrefix,
}: {
  title: string;
  okText: string;
  form: FormInstance<V>;
  initialValues: Partial<V>;
  loading: boolean;
  onFinish: (values: V) => void;
  onClose: () => void;
  /** fields before the shared ones (the month of a new plan) */
  leading?: ReactNode;
  titleRequired?: boolean;
  namePlaceholder?: string;
  focusPlaceholder?: string;
  /** `plan-create` → plan-create-ok, plan-create-title, plan-create-focus */
  testIdPrefix: string;
}) {
  const { t } = useTranslation('plans');
  const required = { required: true, message: t('add.required') };
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText={okText}
      cancelText={t('common:actions.cancel')}
      confirmLoading={loading}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': `${testIdPrefix}-ok` }}
      destroyOnHidden
    >
      <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish}>
        {leading}
        <Form.Item
          label={t('create.name')}
          name="title"
          rules={titleRequired ? [{ ...required, whitespace: true }] : []}
        >
          <Input maxLength={100} placeholder={namePlaceholder} data-testid={`${testIdPrefix}-title`} />
        </Form.Item>
        <Form.Item label={t('create.focus')} name="focus">
          <Input.TextArea
            rows={3}
            maxLength={500}
            placeholder={focusPlaceholder}
            data-testid={`${testIdPrefix}-focus`}
          />
        </Form.Item>
        <Form.Item label={t('create.dailyCap')} name="dailyCap" rules={[required]}>
          <InputNumber min={1} max={200} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
