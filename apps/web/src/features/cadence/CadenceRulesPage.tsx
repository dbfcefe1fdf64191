import { PlusOutlined } from '@ant-design/icons';
import type { TCadenceRule, TCadenceRuleStatus } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { errorKeys } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { AnnualView } from './AnnualView';
import { cadenceRulesQuery, useCadenceStep } from './api';
import { ContactPolicyCard } from './ContactPolicyCard';
import { describeVisits, sharePercent } from './describe';
import { NotMadeVisits } from './NotMadeVisits';
import { RuleEditor } from './RuleEditor';
import { WeeklyFigures } from './WeeklyFigures';

const STATUS_COLOR: Record<TCadenceRuleStatus, string> = {
  DRAFT: 'default',
  SUBMITTED: 'processing',
  REJECTED: 'error',
  APPROVED: 'success',
};

/**
 * 回访规则 (docs/product.md#cadence-rules): each rule's visits, share and doer, its pending change and
 * its approved version; administrators and leads edit and submit, managers approve or reject.
 */
export function CadenceRulesPage() {
  const { t } = useTranslation('cadence');
  const can = useCan();
  const rules = useQuery(cadenceRulesQuery);
  const step = useCadenceStep();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<TCadenceRule | 'new' | null>(null);
  const [rejecting, setRejecting] = useState<TCadenceRule | null>(null);

  const run = (s: Parameters<typeof step.mutate>[0], done: string) =>
    step.mutate(s, { onSuccess: () => message.success(t(done)) });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<PageTitle title={t('title')} subtitle={t('subtitle')} />}
        extra={
          can('cadence:write') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="rule-add"
            >
              {t('add')}
            </Button>
          ) : null
        }
      >
        {step.isError && !editing && !rejecting ? (
          <Alert
            type="error"
            showIcon
            closable
            title={t(errorKeys(step.error, 'cadence:error'))}
            style={{ marginBottom: 16 }}
            data-testid="rule-error"
          />
        ) : null}
        {rules.isError ? (
          <LoadError error={rules.error} onRetry={() => void rules.refetch()} />
        ) : (
          <Table<TCadenceRule>
            rowKey="id"
            loading={rules.isPending}
            dataSource={rules.data?.items ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="rule-table"
            columns={[
              {
                title: t('col.name'),
                key: 'name',
                render: (_: unknown, r) => (
                  <Space orientation="vertical" size={0}>
                    <Space size={4}>
                      <Typography.Text strong>{r.draft.name}</Typography.Text>
                      {r.draft.enabled ? null : <Tag>{t('off')}</Tag>}
                    </Space>
                    <Typography.Text type="secondary">{r.code ? t('default') : t('custom')}</Typography.Text>
                  </Space>
                ),
              },
              {
                title: t('col.visits'),
                key: 'visits',
                render: (_: unknown, r) => {
                  const draft = describeVisits(r.draft, t);
                  const active = r.active ? describeVisits(r.active, t) : null;
                  return (
                    <Space orientation="vertical" size={0} style={{ maxWidth: 340 }}>
                      <span className="hf-wrap">{draft}</span>
                      {active !== null && (active !== draft || r.active?.shareBp !== r.draft.shareBp) ? (
                        <Typography.Text type="secondary">
                          {t('runningNow', { visits: active, share: sharePercent(r.active?.shareBp ?? 0) })}
                        </Typography.Text>
                      ) : null}
                    </Space>
                  );
                },
              },
              {
                title: t('col.share'),
                key: 'share',
                render: (_: unknown, r) => sharePercent(r.draft.shareBp),
              },
              {
                title: t('col.doer'),
                key: 'doer',
                width: 150,
                render: (_: unknown, r) => <span className="hf-wrap">{t(`doer.${r.draft.doer}`)}</span>,
              },
              {
                title: t('col.status'),
                key: 'status',
                width: 190,
                render: (_: unknown, r) => (
                  <Space orientation="vertical" size={0}>
                    <Tag color={STATUS_COLOR[r.status]} data-testid="rule-status">
                      {t(`status.${r.status}`)}
                    </Tag>
                    <Typography.Text type="secondary">
                      {r.activeVersion ? t('standing', { n: r.activeVersion }) : t('proposing')}
                    </Typography.Text>
                    {r.status === 'REJECTED' && r.decided?.comment ? (
                      <Typography.Text type="danger" className="hf-wrap">
                        {r.decided.comment}
                      </Typography.Text>
                    ) : null}
                    {r.status === 'SUBMITTED' && r.submitted ? (
                      <Typography.Text type="secondary">
                        {t('submittedBy', {
                          name: r.submitted.by?.name ?? '',
                          at: formatDateTime(r.submitted.at),
                        })}
                      </Typography.Text>
                    ) : null}
                  </Space>
                ),
              },
              {
                title: t('col.actions'),
                key: 'actions',
                render: (_: unknown, r) => (
                  <Space wrap size={4}>
                    {r.can.edit ? (
                      <Button size="small" onClick={() => setEditing(r)} data-testid="rule-edit">
                        {t('common:actions.edit')}
                      </Button>
                    ) : null}
                    {r.can.submit ? (
                      <Button
                        size="small"
                        type="primary"
                        loading={
                          step.isPending && step.variables?.action === 'submit' && step.variables.id === r.id
                        }
                        onClick={() => run({ action: 'submit', id: r.id, version: r.version }, 'submitted')}
                        data-testid="rule-submit"
                      >
                        {t('common:actions.submit')}
                      </Button>
                    ) : null}
                    {r.can.approve ? (
                      <Popconfirm
                        title={t('approveConfirm')}
                        okText={t('common:actions.approve')}
                        cancelText={t('common:actions.cancel')}
                        onConfirm={() => run({ action: 'approve', id: r.id, version: r.version }, 'approved')}
                        okButtonProps={{ 'data-testid': 'rule-approve-confirm' } as ButtonProps}
                      >
                        <Button size="small" type="primary" data-testid="rule-approve">
                          {t('common:actions.approve')}
                        </Button>
                      </Popconfirm>
                    ) : null}
                    {r.can.reject ? (
                      <Button size="small" danger onClick={() => setRejecting(r)} data-testid="rule-reject">
                        {t('common:actions.reject')}
                      </Button>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        )}
        {editing ? (
          <RuleEditor rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        ) : null}
        {rejecting ? <RejectModal rule={rejecting} onClose={() => setRejecting(null)} /> : null}
      </Card>
      <ContactPolicyCard />
      <NotMadeVisits />
      <WeeklyFigures />
      <AnnualView />
    </Space>
  );
}

function RejectModal({ rule, onClose }: { rule: TCadenceRule; onClose: () => void }) {
  const { t } = useTranslation('cadence');
  const { message } = App.useApp();
  const step = useCadenceStep();
  const [form] = Form.useForm<{ comment: string }>();
  return (
    <Modal
      open
      title={t('rejectTitle', { name: rule.draft.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:actions.reject')}
      okButtonProps={{ danger: true, 'data-testid': 'rule-reject-confirm' } as ButtonProps}
      cancelText={t('common:actions.cancel')}
      confirmLoading={step.isPending}
      destroyOnHidden
    >
      {step.isError ? (
        <Alert
          type="error"
          showIcon
          title={t(errorKeys(step.error, 'cadence:error'))}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<{ comment: string }>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          step.mutate(
            { action: 'reject', id: rule.id, version: rule.version, comment: v.comment.trim() },
            {
              onSuccess: () => {
                message.success(t('rejected'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="comment"
          label={t('comment')}
          rules={[{ required: true, whitespace: true, message: t('commentRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="rule-reject-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
