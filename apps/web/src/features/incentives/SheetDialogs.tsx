import type { TIncentiveItem } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { fenToInput, formatYuan, yuanToFen } from '../../lib/money';
import { activeUsersQuery, policiesQuery, policyFor, useDecideAppeal, useSpecialAward } from './api';
import { errorText } from './errors';

const okProps = (testId: string) => ({ 'data-testid': testId }) as Record<`data-${string}`, string>;

/** Rejecting one or several items: a comment is required. */
export function RejectModal({
  count,
  open,
  pending,
  onCancel,
  onSubmit,
}: {
  count: number;
  open: boolean;
  pending: boolean;
  onCancel: () => void;
  onSubmit: (comment: string) => Promise<void>;
}) {
  const { t } = useTranslation('incentives');
  const [form] = Form.useForm<{ comment: string }>();
  return (
    <Modal
      open={open}
      title={t('sheet.rejectTitle')}
      okText={t('sheet.reject')}
      okButtonProps={{ danger: true, ...okProps('reject-ok') }}
      cancelText={t('common:actions.cancel')}
      confirmLoading={pending}
      onCancel={onCancel}
      onOk={async () => {
        const v = await form.validateFields();
        await onSubmit(v.comment.trim());
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('sheet.rejectCount', { count })}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="comment"
          label={t('sheet.rejectComment')}
          rules={[{ required: true, whitespace: true, message: t('policy.required') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="reject-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Deciding the pending appeal against an item: keep it or withdraw it, with a reason. */
export function AppealDecisionModal({ item, onClose }: { item: TIncentiveItem | null; onClose: () => void }) {
  const { t } = useTranslation('incentives');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: 'UPHOLD' | 'OVERTURN'; reason: string }>();
  const decide = useDecideAppeal();
  const appeal = item?.appeals.find((a) => a.status === 'PENDING');
  return (
    <Modal
      open={!!item && !!appeal}
      title={t('sheet.decideAppeal')}
      okText={t('common:actions.submit')}
      cancelText={t('common:actions.cancel')}
      okButtonProps={okProps('appeal-decide-ok')}
      confirmLoading={decide.isPending}
      onCancel={onClose}
      onOk={async () => {
        if (!appeal) return;
        const v = await form.validateFields();
        try {
          await decide.mutateAsync({ id: appeal.id, decision: v.decision, reason: v.reason.trim() });
          message.success(t('sheet.appealDecided'));
          onClose();
        } catch (e) {
          message.error(errorText(t, e));
        }
      }}
      destroyOnHidden
    >
      {appeal ? (
        <>
          <Typography.Paragraph>
            <Typography.Text type="secondary">
              {t('sheet.appealBy', { name: appeal.userName, at: formatDateTime(appeal.createdAt) })}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary">{t('lbl.appealReason')}</Typography.Text>
            <span data-testid="appeal-reason">{appeal.reason}</span>
          </Typography.Paragraph>
          <Form form={form} layout="vertical" preserve={false}>
            <Form.Item
              name="decision"
              rules={[{ required: true, message: t('policy.required') }]}
              extra={t('sheet.overturnHint')}
            >
              <Radio.Group data-testid="appeal-decision">
                <Radio value="UPHOLD">{t('sheet.uphold')}</Radio>
                <Radio value="OVERTURN">{t('sheet.overturn')}</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('sheet.decisionReason')}
              rules={[{ required: true, whitespace: true, message: t('policy.required') }]}
            >
              <Input.TextArea rows={3} maxLength={2000} data-testid="appeal-decision-reason" />
            </Form.Item>
          </Form>
        </>
      ) : null}
    </Modal>
  );
}

/** A special award (专项奖励) proposed by hand: person, reason and an amount (the policy's by default). */
export function SpecialAwardModal({
  month,
  open,
  onClose,
}: {
  month: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('incentives');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ userId: string; reason: string; amount: string }>();
  const users = useQuery({ ...activeUsersQuery, enabled: open });
  const policies = useQuery({ ...policiesQuery, enabled: open });
  const policy = policyFor(policies.data, month);
  const defaultFen = policy?.values.specialAwardFen ?? null;
  const create = useSpecialAward();
  return (
    <Modal
      open={open}
      title={t('sheet.addAward')}
      okText={t('common:actions.submit')}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ ...okProps('award-ok'), disabled: policies.isPending }}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        const amountFen = yuanToFen(v.amount);
        if (amountFen === null) return;
        try {
          await create.mutateAsync({ month, userId: v.userId, reason: v.reason.trim(), amountFen });
          message.success(t('sheet.awardAdded'));
          onClose();
        } catch (e) {
          message.error(errorText(t, e));
        }
      }}
      destroyOnHidden
    >
      {users.isError || policies.isError ? (
        <Alert type="error" showIcon title={errorText(t, users.error ?? policies.error)} />
      ) : null}
      {open && !policies.isPending ? (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ amount: defaultFen === null ? '' : fenToInput(defaultFen) }}
        >
          <Form.Item
            name="userId"
            label={t('sheet.awardPerson')}
            rules={[{ required: true, message: t('policy.required') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={users.isPending}
              data-testid="award-person"
              options={(users.data?.items ?? [])
                .filter((u) => u.active)
                .map((u) => ({ value: u.id, label: `${u.name} (${t(`common:role.${u.role}`)})` }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('sheet.awardReason')}
            rules={[{ required: true, whitespace: true, message: t('policy.required') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="award-reason" />
          </Form.Item>
          <Form.Item
            name="amount"
            label={t('sheet.awardAmount')}
            extra={
              defaultFen === null ? undefined : t('sheet.awardAmountHint', { amount: formatYuan(defaultFen) })
            }
            rules={[
              {
                validator: (_, v: string | undefined) => {
                  const fen = yuanToFen(v ?? '');
                  return fen !== null && fen >= 1 && fen <= 100_000_000
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('sheet.amountInvalid')));
                },
              },
            ]}
          >
            <Input inputMode="decimal" prefix="¥" data-testid="award-amount" style={{ maxWidth: 200 }} />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
