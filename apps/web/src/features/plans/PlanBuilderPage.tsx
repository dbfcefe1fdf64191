import { EditOutlined, SendOutlined } from '@ant-design/icons';
import type { TPlanDetail } from '@huifang/contracts';
import { App, Button, Col, Popconfirm, Row, Space } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCan } from '../../lib/auth';
import { preloadable } from '../../lib/preloadable';
import { useSubmitPlan } from './api';
import { planError } from './errors';
import {
  type BackLink,
  PlanHeader,
  PlanHistory,
  PlanItemsTable,
  PlanLoader,
  PlanOverview,
  PlanStatusAlerts,
  usePlanStages,
} from './PlanPage';

// The builder's own parts below the header, and its dialog: files of their own, as the plan's
// sections are (PlanPage.tsx; docs/performance.md#web)
const AddCustomersCard = preloadable<{ plan: TPlanDetail }>(() =>
  import('./AddCustomersCard').then((m) => ({ default: m.AddCustomersCard })),
);
const BalanceCard = preloadable<{ plan: TPlanDetail }>(() =>
  import('./BalanceCard').then((m) => ({ default: m.BalanceCard })),
);
const ProposalsCard = preloadable<{ plan: TPlanDetail }>(() =>
  import('./ProposalsCard').then((m) => ({ default: m.ProposalsCard })),
);
const EditPlanModal = preloadable<{ plan: TPlanDetail; onClose: () => void }>(() =>
  import('./EditPlanModal').then((m) => ({ default: m.EditPlanModal })),
);
const LOWER_PARTS = [AddCustomersCard, BalanceCard, ProposalsCard, EditPlanModal];

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
  const stage = usePlanStages(5, editable ? LOWER_PARTS : undefined);

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
      {stage >= 1 ? <PlanOverview plan={plan} /> : null}

      {stage >= 2 && editable ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <AddCustomersCard plan={plan} />
          </Col>
          <Col xs={24} lg={10}>
            <BalanceCard key={plan.dailyCap} plan={plan} />
          </Col>
        </Row>
      ) : null}
      {stage >= 3 && editable ? <ProposalsCard plan={plan} /> : null}

      {stage >= 4 ? <PlanItemsTable plan={plan} editable={editable} /> : null}
      {stage >= 5 ? <PlanHistory plan={plan} /> : null}

      {editing ? (
        // opened by a click, not in a transition: its own boundary, or the page would give way to
        // the route's spinner while the dialog's code loads
        <Suspense fallback={null}>
          <EditPlanModal plan={plan} onClose={() => setEditing(false)} />
        </Suspense>
      ) : null}
    </Space>
  );
}
