import type { TPlanDetail } from '@huifang/contracts';
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUpdatePlan } from './api';
import { planError } from './errors';
import { PlanDetailsModal, type PlanDetailsValues } from './PlanDetailsModal';

/** The lead's dialog for a plan's title, focus and daily cap; loaded when opened (PlanBuilderPage.tsx). */
export function EditPlanModal({ plan, onClose }: { plan: TPlanDetail; onClose: () => void }) {
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
