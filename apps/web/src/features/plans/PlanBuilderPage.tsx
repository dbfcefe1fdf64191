import { ArrowLeftOutlined, EditOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { EDITABLE_PLAN_STATUSES, type TPlanDetail } from '@huifang/contracts';
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
  InputNumber,
  Modal,
  Popconfirm,
  Result,
  Row,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { AddCustomersCard } from './AddCustomersCard';
import { planQuery, useBalance, useSubmitPlan, useUpdatePlan } from './api';
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

/** The lead's plan builder; read-only once the plan is submitted, or for readers without plan:write. */
export function PlanBuilderPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('plans');
  const can = useCan();
  const plan = useQuery(planQuery(id));

  if (plan.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (plan.isError)
    return (
      <Result
        status={plan.error && 'status' in plan.error && plan.error.status === 404 ? '404' : 'error'}
        title={planError(t, plan.error)}
        extra={
          <Link to="/plans">
            <Button>{t('back')}</Button>
          </Link>
        }
      />
    );
  const p = plan.data;
  const editable = can('plan:write') && (EDITABLE_PLAN_STATUSES as readonly string[]).includes(p.status);
  return <Builder plan={p} editable={editable} />;
}

function Builder({ plan, editable }: { plan: TPlanDetail; editable: boolean }) {
  const { t } = useTranslation('plans');
  const can = useCan();
  const { message } = App.useApp();
  const submit = useSubmitPlan(plan.id);
  const [editing, setEditing] = useState(false);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Flex justify="space-between" align="start" wrap gap={12}>
          <div>
            <Space align="center" wrap>
              <Link to={can('plan:write') ? '/plans' : '/approvals'}>
                <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('back')} />
              </Link>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="plan-title">
                {plan.title}
              </Typography.Title>
              <PlanStatusTag status={plan.status} />
            </Space>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 12 }}>
              <Descriptions.Item label={t('header.month')}>
                <span data-testid="plan-month">{plan.month}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('header.team')}>{plan.teamName}</Descriptions.Item>
              <Descriptions.Item label={t('header.creator')}>{plan.creatorName ?? '--'}</Descriptions.Item>
              <Descriptions.Item label={t('header.focus')}>
                {plan.focus || t('header.noFocus')}
              </Descriptions.Item>
              <Descriptions.Item label={t('header.dailyCap')}>{plan.dailyCap}</Descriptions.Item>
              <Descriptions.Item label={t('header.submittedAt')}>
                {formatDateTime(plan.submittedAt)}
              </Descriptions.Item>
            </Descriptions>
          </div>
          {editable ? (
            <Space>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="plan-edit">
                {t('common:actions.edit')}
              </Button>
              <Popconfirm
                title={t('submit.confirm')}
                onConfirm={() =>
                  submit.mutateAsync().then(
                    () => void message.success(t('submit.done')),
                    (e) => void message.error(planError(t, e)),
                  )
                }
              >
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={submit.isPending}
                  data-testid="plan-submit"
                >
                  {t('submit.action')}
                </Button>
              </Popconfirm>
            </Space>
          ) : null}
        </Flex>
      </Card>

      <RejectionAlert plan={plan} />
      {plan.status === 'SUBMITTED' ? <Alert type="info" showIcon title={t('alert.submitted')} /> : null}
      {plan.status === 'APPROVED' ? (
        <Alert type="success" showIcon title={t('alert.approved', { count: plan.tasksCreated })} />
      ) : null}
      {plan.status === 'CLOSED' ? <Alert type="info" showIcon title={t('alert.closed')} /> : null}

      <FigureCards plan={plan} />

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <CallerLoadCard figures={plan.figures} />
        </Col>
        <Col xs={24} lg={10}>
          <SegmentCard figures={plan.figures} />
        </Col>
      </Row>

      {editable ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <AddCustomersCard plan={plan} />
          </Col>
          <Col xs={24} lg={10}>
            <BalanceCard key={plan.dailyCap} plan={plan} />
          </Col>
        </Row>
      ) : null}

      <PlanItemsTable plan={plan} editable={editable} />

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <ExcludedCard figures={plan.figures} />
        </Col>
        <Col xs={24} lg={10}>
          <ReviewTimeline plan={plan} />
        </Col>
      </Row>

      {editing ? <EditPlanModal plan={plan} onClose={() => setEditing(false)} /> : null}
    </Space>
  );
}

function BalanceCard({ plan }: { plan: TPlanDetail }) {
  const { t } = useTranslation('plans');
  const { message } = App.useApp();
  const balance = useBalance(plan.id);
  const [cap, setCap] = useState<number | null>(plan.dailyCap);
  return (
    <Card size="small" title={t('balance.title')} data-testid="balance">
      <Typography.Paragraph type="secondary">{t('balance.hint')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('balance.dailyCap')}>
          <InputNumber
            min={1}
            max={200}
            precision={0}
            value={cap}
            onChange={(v) => setCap(v)}
            style={{ width: 140 }}
            data-testid="balance-cap"
          />
        </Form.Item>
        <Button
          icon={<ReloadOutlined />}
          loading={balance.isPending}
          data-testid="balance-run"
          onClick={() =>
            balance.mutate(
              { dailyCap: cap ?? undefined },
              {
                onSuccess: (f) =>
                  void (f.unassigned > 0
                    ? message.warning(t('balance.done', { count: f.unassigned }))
                    : message.success(t('balance.doneAll'))),
                onError: (e) => void message.error(planError(t, e)),
              },
            )
          }
        >
          {t('balance.run')}
        </Button>
      </Form>
    </Card>
  );
}

function EditPlanModal({ plan, onClose }: { plan: TPlanDetail; onClose: () => void }) {
  const { t } = useTranslation('plans');
  const { message } = App.useApp();
  const update = useUpdatePlan(plan.id);
  const [form] = Form.useForm<{ title: string; focus?: string; dailyCap: number }>();
  return (
    <Modal
      open
      title={t('edit.title')}
      onCancel={onClose}
      okText={t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: plan.title, focus: plan.focus ?? '', dailyCap: plan.dailyCap }}
        onFinish={(v) =>
          update.mutate(
            {
              title: v.title.trim(),
              focus: v.focus?.trim() || null,
              dailyCap: v.dailyCap,
              version: plan.version,
            },
            {
              onSuccess: () => {
                message.success(t('common:saved'));
                onClose();
              },
              onError: (e) => void message.error(planError(t, e)),
            },
          )
        }
      >
        <Form.Item
          label={t('create.name')}
          name="title"
          rules={[{ required: true, whitespace: true, message: t('add.required') }]}
        >
          <Input maxLength={100} data-testid="edit-title" />
        </Form.Item>
        <Form.Item label={t('create.focus')} name="focus">
          <Input.TextArea rows={3} maxLength={500} data-testid="edit-focus" />
        </Form.Item>
        <Form.Item
          label={t('create.dailyCap')}
          name="dailyCap"
          rules={[{ required: true, message: t('add.required') }]}
        >
          <InputNumber min={1} max={200} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
