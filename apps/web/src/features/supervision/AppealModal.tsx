import type { TInspectionDetail } from '@huifang/contracts';
import { App, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { useFileAppeal } from './api';
import { errorText } from './labels';

interface Values {
  reason: string;
  criteria?: string[];
  proposed?: Record<string, number | null>;
}

/** The caller's appeal (申诉): a reason, and optionally the items disputed with a proposed score. */
export function AppealModal({
  detail,
  open,
  onClose,
}: {
  detail: TInspectionDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('supervision');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const file = useFileAppeal();
  const chosen = Form.useWatch('criteria', form) ?? [];
  const byId = new Map(detail.scores.map((s) => [s.criterionId, s.score]));
  const failed = new Set(detail.scores.filter((s) => s.failed).map((s) => s.criterionId));
  // only items scored below their maximum, or critical items marked failed, can be disputed
  const disputable = detail.rubricSnapshot.filter(
    (c) => (byId.get(c.id) ?? c.weight) < c.weight || (c.critical && failed.has(c.id)),
  );

  const submit = (v: Values) =>
    file.mutate(
      {
        id: detail.id,
        reason: v.reason,
        items: (v.criteria ?? []).map((criterionId) => {
          const p = v.proposed?.[criterionId];
          return p === null || p === undefined ? { criterionId } : { criterionId, proposedScore: p };
        }),
      },
      {
        onSuccess: () => {
          message.success(t('appeal.filed'));
          form.resetFields();
          onClose();
        },
        onError: (e) => message.error(errorText(t, e)),
      },
    );

  return (
    <Modal
      open={open}
      title={t('appeal.title')}
      okText={t('appeal.submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={file.isPending}
      destroyOnHidden
      data-testid="appeal-modal"
    >
      <Typography.Paragraph type="secondary">
        {t('appeal.deadline', { at: formatDateTime(detail.appealDeadline) })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        {disputable.length ? (
          <Form.Item name="criteria" label={t('appeal.items')}>
            <Select
              mode="multiple"
              allowClear
              options={disputable.map((c) => ({
                value: c.id,
                label: t('appeal.itemOption', { name: c.name, score: byId.get(c.id) ?? 0, weight: c.weight }),
              }))}
              data-testid="appeal-items"
            />
          </Form.Item>
        ) : null}
        {chosen.length ? (
          <Space wrap>
            {chosen.map((id) => {
              const c = detail.rubricSnapshot.find((x) => x.id === id);
              return c ? (
                <Form.Item
                  key={id}
                  name={['proposed', id]}
                  label={t('appeal.proposedScore', { name: c.name })}
                >
                  <InputNumber min={0} max={c.weight} precision={0} />
                </Form.Item>
              ) : null;
            })}
          </Space>
        ) : null}
        <Form.Item
          name="reason"
          label={t('appeal.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('appeal.reasonRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="appeal-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
