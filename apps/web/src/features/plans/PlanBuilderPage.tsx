import { EditOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import type { TPlanDetail } from '@huifang/contracts';
import { App, Button, Card, Col, Form, InputNumber, Popconfirm, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCan } from '../../lib/auth';
import { AddCustomersCard } from './AddCustomersCard';
import { useBalance, useSubmitPlan, useUpdatePlan } from './api';
import { planError } from './errors';
import { PlanDetailsModal, type PlanDetailsValues } from './PlanDetailsModal';
import { PlanItemsTable } from './PlanItemsTable';
import {
  type BackLink,
  PlanHeader,
  PlanHistory,
  PlanLoader,
  PlanOverview,
  PlanStatusAlerts,
  usePlanStages,
} from './PlanPage';
import { ProposalsCard } from './ProposalsCard';

/** The lead's plan builder; read-only once the plan is submitted, or for readers without plan:write. */
export function PlanBuilderPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('plans');
  const can = useCan();
  // Managers read it from their approvals; supervisors and admins have neither list.
  const back = can('plan:write')
    ? { to: '/plans', label: t('back') }
    : can('plan:approve')
      ? { to: '/approvals', label: t('approvals.backToList') }
      : { to: '/', label: t('common:actions.back') };
  return (
    <PlanLoader id={id} back={back}>
      {(plan) => <Builder plan={plan} back={back} editable={plan.can.edit} />}
    </PlanLoader>
  );
}

function Builder({ plan, back, editable }: { plan: TPlanDetail; back: BackLink; editable: boolean }) {
  const { t } = useTranslation('plans');
  const { message } = App.useApp();
  const submit = useSubmitPlan(plan.id);
  const [editing, setEditing] = useState(false);
  const { figures, lower } = usePlanStages();

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PlanHeader
        plan={plan}
        back={back}
        details={[{ key: 'dailyCap', label: t('header.dailyCap'), value: plan.dailyCap }]}
        actions={
          editable ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="plan-edit">
                {t('common:actions.edit')}
              </Button>
              {/* below the button: above it, at the top of the page, it would open under the app's
                  header or off the screen (and move there while open) */}
              <Popconfirm
                placement="bottomRight"
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
            </>
          ) : null
        }
      />
      <PlanStatusAlerts plan={plan} forLead />
      {figures ? <PlanOverview plan={plan} /> : null}

      {lower && editable ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <AddCustomersCard plan={plan} />
          </Col>
          <Col xs={24} lg={10}>
            <BalanceCard key={plan.dailyCap} plan={plan} />
          </Col>
        </Row>
      ) : null}
      {lower && editable ? <ProposalsCard plan={plan} /> : null}

      {lower ? <PlanItemsTable plan={plan} editable={editable} /> : null}
      {lower ? <PlanHistory plan={plan} /> : null}

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
        <Form.Item label={t('balance.dailyCap')} htmlFor="balance-cap">
          <InputNumber
            id="balance-cap"
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
            // the promise's answer, not mutate's callbacks: a new daily cap re-keys this card when the
            // plan is read again, and an unmounted card's callbacks would never run
            balance.mutateAsync({ dailyCap: cap ?? undefined }).then(
              (f) =>
                void (f.unassigned > 0
                  ? message.warning(t('balance.done', { count: f.unassigned }))
                  : message.success(t('balance.doneAll'))),
              (e) => void message.error(planError(t, e)),
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
  const [form] = Form.useForm<PlanDetailsValues>();
  return (
    <PlanDetailsModal
      title={t('edit.title')}
      okText={t('common:actions.save')}
      form={form}
      initialValues={{ title: plan.title, focus: plan.focus ?? '', dailyCap: plan.dailyCap }}
      loading={update.isPending}
      onClose={onClose}
      titleRequired
      testIdPrefix="edit"
      onFinish={(v) =>
        update.mutate(
          {
            title: v.title?.trim(),
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
    />
  );
}
