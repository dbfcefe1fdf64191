import { ArrowLeftOutlined, CheckOutlined, CloseOutlined } from '@ant-design/icons';
import type { TPlanDetail } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { formatDateTime, formatNumber } from '../../lib/format';
import { planQuery, useDecidePlan } from './api';
import { planError } from './errors';
import { PlanItemsTable } from './PlanItemsTable';
import {
  CallerLoadCard,
  ExcludedCard,
  FigureCards,
  PlanStatusTag,
  RejectionAlert,
  ReviewTimeline,
  SegmentCard,
} from './PlanSections';

/** The manager's approval page: the plan as a document, then approve or reject with a comment. */
export function ApprovalPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('plans');
  const plan = useQuery(planQuery(id));
  if (plan.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (plan.isError)
    return (
      <Result
        status={plan.error instanceof ApiError && plan.error.status === 404 ? '404' : 'error'}
        title={planError(t, plan.error)}
        extra={
          <Link to="/approvals">
            <Button>{t('approvals.backToList')}</Button>
          </Link>
        }
      />
    );
  return <ApprovalDocument plan={plan.data} />;
}

function ApprovalDocument({ plan }: { plan: TPlanDetail }) {
  const { t } = useTranslation('plans');
  const can = useCan();
  const { message } = App.useApp();
  const decide = useDecidePlan(plan.id);
  const [dialog, setDialog] = useState<'approve' | 'reject' | null>(null);
  const [form] = Form.useForm<{ comment?: string }>();
  const canDecide = can('plan:approve') && plan.status === 'SUBMITTED';

  const onDecide = (comment?: string) => {
    if (!dialog) return;
    decide.mutate(
      { decision: dialog, comment: comment?.trim() || undefined },
      {
        onSuccess: (p) => {
          setDialog(null);
          form.resetFields();
          if (dialog === 'approve') message.success(t('approvals.approved', { count: p.tasksCreated }));
          else message.success(t('approvals.rejected'));
        },
        onError: (e) => {
          setDialog(null);
          message.error(
            e instanceof ApiError && e.status === 409 ? t('errors.alreadyDecided') : planError(t, e),
          );
        },
      },
    );
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="approval-page">
      <Card size="small">
        <Flex justify="space-between" align="start" wrap gap={12}>
          <div>
            <Space align="center" wrap>
              <Link to="/approvals">
                <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('approvals.backToList')} />
              </Link>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="plan-title">
                {plan.title}
              </Typography.Title>
              <PlanStatusTag status={plan.status} />
            </Space>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 12 }}>
              <Descriptions.Item label={t('header.month')}>{plan.month}</Descriptions.Item>
              <Descriptions.Item label={t('header.team')}>{plan.teamName}</Descriptions.Item>
              <Descriptions.Item label={t('header.creator')}>{plan.creatorName ?? '--'}</Descriptions.Item>
              <Descriptions.Item label={t('header.focus')}>
                {plan.focus || t('header.noFocus')}
              </Descriptions.Item>
              <Descriptions.Item label={t('header.submittedAt')}>
                {formatDateTime(plan.submittedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('header.decidedAt')}>
                {formatDateTime(plan.decidedAt)}
                {plan.decidedByName ? ` · ${plan.decidedByName}` : ''}
              </Descriptions.Item>
            </Descriptions>
          </div>
          {canDecide ? (
            <Space>
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
            </Space>
          ) : null}
        </Flex>
      </Card>

      {plan.status === 'APPROVED' || plan.status === 'CLOSED' ? (
        <Alert
          type="success"
          showIcon
          data-testid="tasks-created"
          title={
            <>
              {t('figures.tasksCreated')}:{' '}
              <Typography.Text strong data-testid="tasks-created-count">
                {formatNumber(plan.tasksCreated)}
              </Typography.Text>
            </>
          }
          description={plan.decisionComment ?? undefined}
        />
      ) : null}
      {plan.status === 'REJECTED' ? <RejectionAlert plan={plan} /> : null}

      <FigureCards plan={plan} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <CallerLoadCard figures={plan.figures} />
        </Col>
        <Col xs={24} lg={10}>
          <SegmentCard figures={plan.figures} />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <ExcludedCard figures={plan.figures} />
        </Col>
        <Col xs={24} lg={10}>
          <ReviewTimeline plan={plan} />
        </Col>
      </Row>
      <PlanItemsTable plan={plan} editable={false} title={t('approvals.itemsTitle')} />

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
