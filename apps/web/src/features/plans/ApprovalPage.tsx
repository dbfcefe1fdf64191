import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import type { TPlanDetail } from '@huifang/contracts';
import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCan } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { useDecidePlan } from './api';
import { decisionError } from './errors';
import {
  PlanHeader,
  PlanHistory,
  PlanItemsTable,
  PlanLoader,
  PlanOverview,
  PlanStatusAlerts,
  usePlanStages,
} from './PlanPage';

/** The manager's approval page: the plan as a document, then approve or reject with a comment. */
export function ApprovalPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('plans');
  return (
    <PlanLoader id={id} back={{ to: '/approvals', label: t('approvals.backToList') }}>
      {(plan) => <ApprovalDocument plan={plan} />}
    </PlanLoader>
  );
}

function ApprovalDocument({ plan }: { plan: TPlanDetail }) {
  const { t } = useTranslation('plans');
  const _can = useCan();
  const { message } = App.useApp();
  const decide = useDecidePlan(plan.id);
  const [dialog, setDialog] = useState<'approve' | 'reject' | null>(null);
  const [form] = Form.useForm<{ comment?: string }>();
  const canDecide = plan.can.approve || plan.can.reject;
  const stage = usePlanStages(3);

  const onDecide = (comment?: string) => {
    if (!dialog) return;
    decide.mutate(
      { decision: dialog, comment: comment?.trim() || undefined },
      {
        onSuccess: (p) => {
          setDialog(null);
          form.resetFields();
          if (dialog === 'reject') message.success(t('approvals.rejected'));
          else if (p.figures.skipped.total > 0)
            message.warning(
              t('approvals.approvedSkipped', { count: p.tasksCreated, skipped: p.figures.skipped.total }),
            );
          else message.success(t('approvals.approved', { count: p.tasksCreated }));
        },
        onError: (e) => {
          setDialog(null);
          message.error({ content: decisionError(t, e), duration: 8 });
        },
      },
    );
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="approval-page">
      <PlanHeader
        plan={plan}
        back={{ to: '/approvals', label: t('approvals.backToList') }}
        details={[
          {
            key: 'decidedAt',
            label: t('header.decidedAt'),
            value: `${formatDateTime(plan.decidedAt)}${plan.decidedByName ? ` · ${plan.decidedByName}` : ''}`,
          },
        ]}
        actions={
          canDecide ? (
            <>
              <Button
                danger
                icon={<CloseOutlined />}
                onClick={() => setDialog('reject')}
                data-testid="plan-reject"
              >
                {t('approvals.reject')}
              </Button>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                onClick={() => setDialog('approve')}
                data-testid="plan-approve"
              >
                {t('approvals.approve')}
              </Button>
            </>
          ) : null
        }
      />
      <PlanStatusAlerts plan={plan} forLead={false} />
      {stage >= 1 ? <PlanOverview plan={plan} /> : null}
      {stage >= 2 ? <PlanHistory plan={plan} /> : null}
      {stage >= 3 ? <PlanItemsTable plan={plan} editable={false} title={t('approvals.itemsTitle')} /> : null}

      <Modal
        open={dialog !== null}
        title={dialog === 'reject' ? t('approvals.rejectTitle') : t('approvals.approveTitle')}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        okText={dialog === 'reject' ? t('approvals.reject') : t('approvals.approve')}
        cancelText={t('common:actions.cancel')}
        okButtonProps={{ danger: dialog === 'reject', 'data-testid': 'decision-ok' }}
        confirmLoading={decide.isPending}
        destroyOnHidden
      >
        {dialog === 'approve' ? (
          <Typography.Paragraph>
            {t('approvals.approveHint', { count: plan.figures.itemCount })}
          </Typography.Paragraph>
        ) : null}
        <Form form={form} layout="vertical" onFinish={(v) => onDecide(v.comment)} preserve={false}>
          <Form.Item
            label={dialog === 'reject' ? t('approvals.rejectComment') : t('approvals.approveComment')}
            name="comment"
            rules={
              dialog === 'reject'
                ? [{ required: true, whitespace: true, message: t('approvals.rejectRequired') }]
                : []
            }
          >
            <Input.TextArea
              rows={4}
              maxLength={1000}
              placeholder={dialog === 'reject' ? t('approvals.rejectPlaceholder') : undefined}
              data-testid="decision-comment"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
