import type { TManualIncentiveKind, TManualItemCreate, TPage, TVisitRecord } from '@huifang/contracts';
import { MANUAL_INCENTIVE_KIND_KEYS } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { yuanToFen } from '../../lib/money';
import { activeUsersQuery, useManualItem } from './api';
import { errorText } from './errors';

const okProps = (testId: string) => ({ 'data-testid': testId }) as Record<`data-${string}`, string>;

interface Values {
  userId: string;
  kind: TManualIncentiveKind;
  reason: string;
  amount?: string;
  evidenceText: string;
  visitIds?: string[];
}

/**
 * An item the rules cannot see, added by hand (docs/rules.md#r-disc-1-manual-items): a warning, a
 * deduction (with an amount, capped with the person's other deductions), a demotion proposal, a
 * certificate of honour or a promotion recommendation, with a reason and evidence — what was seen,
 * and the person's visit records of the month that show it.
 */
export function ManualItemModal({
  month,
  open,
  onClose,
  teamId,
}: {
  month: string;
  open: boolean;
  onClose: () => void;
  /** a lead adds items for the members of their own team only */
  teamId?: string | null;
}) {
  const { t } = useTranslation('incentives');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const me = useMe();
  const users = useQuery({ ...activeUsersQuery, enabled: open });
  const userId = Form.useWatch('userId', form);
  const kind = Form.useWatch('kind', form);
  const visits = useQuery({
    queryKey: ['visits', 'evidence', userId, month],
    queryFn: ({ signal }) =>
      api<TPage<TVisitRecord>>('/visits', { query: { callerId: userId, month, size: 100 }, signal }),
    enabled: open && !!userId,
  });
  const create = useManualItem();
  return (
    <Modal
      open={open}
      title={t('manual.title')}
      okText={t('common:actions.submit')}
      cancelText={t('common:actions.cancel')}
      okButtonProps={okProps('manual-ok')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        const body: TManualItemCreate = {
          month,
          userId: v.userId,
          kind: v.kind,
          reason: v.reason.trim(),
          evidence: { text: v.evidenceText.trim(), visitIds: v.visitIds ?? [], ticketIds: [] },
          ...(v.kind === 'DEDUCTION' ? { amountFen: yuanToFen(v.amount ?? '') ?? 0 } : {}),
        };
        try {
          await create.mutateAsync(body);
          message.success(t('manual.added'));
          onClose();
        } catch (e) {
          message.error(errorText(t, e));
        }
      }}
      destroyOnHidden
    >
      {users.isError ? <Alert type="error" showIcon title={errorText(t, users.error)} /> : null}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="kind"
          label={t('manual.kind')}
          rules={[{ required: true, message: t('policy.required') }]}
        >
          <Select
            data-testid="manual-kind"
            options={MANUAL_INCENTIVE_KIND_KEYS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="userId"
          label={t('manual.person')}
          rules={[{ required: true, message: t('policy.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={users.isPending}
            data-testid="manual-person"
            options={(users.data?.items ?? [])
              .filter(
                (u) =>
                  u.active &&
                  (teamId === undefined || (u.teamId === teamId && teamId !== null && u.id !== me?.id)),
              )
              .map((u) => ({ value: u.id, label: `${u.name} (${t(`common:role.${u.role}`)})` }))}
          />
        </Form.Item>
        {kind === 'DEDUCTION' ? (
          <Form.Item
            name="amount"
            label={t('manual.amount')}
            extra={t('manual.amountHint')}
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
            <Input inputMode="decimal" prefix="¥" data-testid="manual-amount" style={{ maxWidth: 200 }} />
          </Form.Item>
        ) : kind ? (
          <Alert type="info" showIcon title={t('manual.noMoney')} style={{ marginBottom: 16 }} />
        ) : null}
        <Form.Item
          name="reason"
          label={t('manual.reason')}
          rules={[{ required: true, whitespace: true, message: t('policy.required') }]}
        >
          <Input.TextArea rows={2} maxLength={1000} data-testid="manual-reason" />
        </Form.Item>
        <Form.Item
          name="evidenceText"
          label={t('manual.evidence')}
          rules={[{ required: true, whitespace: true, message: t('policy.required') }]}
        >
          <Input.TextArea rows={3} maxLength={4000} data-testid="manual-evidence" />
        </Form.Item>
        <Form.Item name="visitIds" label={t('manual.visits')} extra={t('manual.visitsHint')}>
          <Select
            mode="multiple"
            allowClear
            // an open list with no option is not a valid listbox (axe): closed, and saying why
            disabled={!userId || (visits.isSuccess && visits.data.items.length === 0)}
            placeholder={
              visits.isSuccess && visits.data.items.length === 0 ? t('manual.noVisits') : undefined
            }
            loading={visits.isFetching}
            data-testid="manual-visits"
            maxCount={20}
            options={(visits.data?.items ?? []).map((r) => ({
              value: r.id,
              label: `${formatDateTime(r.startedAt)} · ${t(`common:outcome.${r.outcome}`)}${
                r.satisfaction === null ? '' : ` · ${t('manual.satisfaction', { n: r.satisfaction })}`
              }`,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
