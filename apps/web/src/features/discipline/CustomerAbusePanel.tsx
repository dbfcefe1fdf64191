import { SafetyOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { abuseFlagQuery, useLiftFlag, useReportAbuse } from './api';
import { errorText } from './errors';

const okProps = (testId: string) => ({ 'data-testid': testId }) as Record<`data-${string}`, string>;

/**
 * A customer's abuse flag (docs/rules.md#r-disc-2-customer-abuse-reports): visits paused since when,
 * lifted by a manager; and, for staff who may, the button that reports the customer's abuse to their
 * superior (from the customer page or a task, `taskId`).
 */
export function CustomerAbusePanel({ customerId, taskId }: { customerId: string; taskId?: string }) {
  const { t } = useTranslation('discipline');
  const can = useCan();
  const flag = useQuery({
    ...abuseFlagQuery(customerId),
    enabled: can(['customer:read:any', 'customer:read:assigned']),
  });
  const [reporting, setReporting] = useState(false);
  const [lifting, setLifting] = useState(false);
  const f = flag.data;
  if (!f || (!f.flagged && !f.canReport)) return null;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {f.flagged ? (
        <Alert
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          data-testid="abuse-flag"
          title={t('flag.title')}
          description={t('flag.since', { at: f.since ? formatDateTime(f.since) : '' })}
          action={
            f.canLift ? (
              <Button size="small" onClick={() => setLifting(true)} data-testid="abuse-lift">
                {t('flag.lift')}
              </Button>
            ) : null
          }
        />
      ) : null}
      {f.canReport ? (
        <Button
          danger
          icon={<SafetyOutlined />}
          onClick={() => setReporting(true)}
          data-testid="report-abuse"
        >
          {t('report.button')}
        </Button>
      ) : null}
      <ReportModal
        customerId={customerId}
        taskId={taskId}
        open={reporting}
        onClose={() => setReporting(false)}
      />
      <LiftModal customerId={customerId} open={lifting} onClose={() => setLifting(false)} />
    </Space>
  );
}

function ReportModal({
  customerId,
  taskId,
  open,
  onClose,
}: {
  customerId: string;
  taskId: string | undefined;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('discipline');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ account: string }>();
  const report = useReportAbuse();
  return (
    <Modal
      open={open}
      title={t('report.title')}
      okText={t('report.submit')}
      cancelText={t('common:actions.cancel')}
      okButtonProps={okProps('abuse-report-ok')}
      confirmLoading={report.isPending}
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await report.mutateAsync({ customerId, ...(taskId ? { taskId } : {}), account: v.account.trim() });
          message.success(t('report.sent'));
          onClose();
        } catch (e) {
          message.error(errorText(t, e));
        }
      }}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('report.hint')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="account"
          label={t('report.account')}
          rules={[{ required: true, whitespace: true, message: t('required') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} data-testid="abuse-account" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LiftModal({
  customerId,
  open,
  onClose,
}: {
  customerId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('discipline');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment: string }>();
  const lift = useLiftFlag(customerId);
  return (
    <Modal
      open={open}
      title={t('flag.liftTitle')}
      okText={t('flag.lift')}
      cancelText={t('common:actions.cancel')}
      okButtonProps={okProps('abuse-lift-ok')}
      confirmLoading={lift.isPending}
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await lift.mutateAsync(v.comment.trim());
          message.success(t('flag.lifted'));
          onClose();
        } catch (e) {
          message.error(errorText(t, e));
        }
      }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="comment"
          label={t('flag.liftComment')}
          rules={[{ required: true, whitespace: true, message: t('required') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="abuse-lift-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
