import type { TAbuseReport } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, Modal, Radio, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { useCan } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { abuseReportsQuery, useDecideAbuse } from './api';
import { errorText } from './errors';

const STATUS_COLOR: Record<TAbuseReport['status'], string> = {
  PENDING: 'processing',
  CONFIRMED: 'error',
  DISMISSED: 'default',
};
const okProps = (testId: string) => ({ 'data-testid': testId }) as Record<`data-${string}`, string>;

/**
 * Customer-abuse reports (docs/rules.md#r-disc-2-customer-abuse-reports): the superior's queue of
 * reports to confirm or dismiss, and the reports the viewer sees (their own; a lead's team's too).
 */
export function AbuseReportsPage() {
  const { t } = useTranslation('discipline');
  const can = useCan();
  const decider = can('abuse:decide');
  const [tab, setTab] = useState(decider ? 'queue' : 'all');
  return (
    <Card
      title={
        <Typography.Title level={1} style={{ margin: 0, fontSize: 20 }}>
          {t('title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          ...(decider ? [{ key: 'queue', label: t('tab.queue'), children: <ReportList queue /> }] : []),
          { key: 'all', label: t('tab.all'), children: <ReportList queue={false} /> },
        ]}
      />
    </Card>
  );
}

function ReportList({ queue }: { queue: boolean }) {
  const { t } = useTranslation('discipline');
  const can = useCan();
  const list = useQuery(abuseReportsQuery(queue));
  const [deciding, setDeciding] = useState<TAbuseReport | null>(null);
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data?.items ?? [];
  if (!list.isPending && items.length === 0)
    return <Empty description={queue ? t('emptyQueue') : t('empty')} data-testid="abuse-empty" />;
  const customerLink = can(['customer:read:any', 'customer:read:assigned']);
  return (
    <Space
      orientation="vertical"
      size={12}
      style={{ width: '100%' }}
      data-testid={queue ? 'abuse-queue' : 'abuse-all'}
    >
      {items.map((r) => (
        <Card
          key={r.id}
          size="small"
          data-testid="abuse-report"
          data-status={r.status}
          title={
            <Space wrap>
              {customerLink ? (
                <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>
              ) : (
                r.customerName
              )}
              <Tag color={STATUS_COLOR[r.status]}>{t(`status.${r.status}`)}</Tag>
              {r.liftedAt ? <Tag>{t('lifted')}</Tag> : null}
            </Space>
          }
          extra={
            r.can.decide ? (
              <Button type="primary" size="small" onClick={() => setDeciding(r)} data-testid="abuse-decide">
                {t('decide.button')}
              </Button>
            ) : null
          }
        >
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            <Typography.Text type="secondary">
              {t('by', { name: r.reporter.name, at: formatDateTime(r.createdAt) })} ·{' '}
              {t(`goesTo.${r.goesTo}`)}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph
            style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}
            data-testid="abuse-account-text"
          >
            {r.account}
          </Typography.Paragraph>
          {r.decidedBy ? (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('decidedBy', { name: r.decidedBy.name, at: r.decidedAt ? formatDateTime(r.decidedAt) : '' })}
              {r.decisionComment ? `: ${r.decisionComment}` : ''}
            </Typography.Paragraph>
          ) : null}
          {r.liftedBy ? (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('liftedBy', { name: r.liftedBy.name, at: r.liftedAt ? formatDateTime(r.liftedAt) : '' })}
              {r.liftComment ? `: ${r.liftComment}` : ''}
            </Typography.Paragraph>
          ) : null}
        </Card>
      ))}
      <DecideModal report={deciding} onClose={() => setDeciding(null)} />
    </Space>
  );
}

function DecideModal({ report, onClose }: { report: TAbuseReport | null; onClose: () => void }) {
  const { t } = useTranslation('discipline');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: 'CONFIRM' | 'DISMISS'; comment: string }>();
  const decide = useDecideAbuse();
  return (
    <Modal
      open={!!report}
      title={t('decide.title', { customer: report?.customerName ?? '' })}
      okText={t('common:actions.submit')}
      cancelText={t('common:actions.cancel')}
      okButtonProps={okProps('abuse-decide-ok')}
      confirmLoading={decide.isPending}
      onCancel={onClose}
      onOk={async () => {
        if (!report) return;
        const v = await form.validateFields();
        try {
          await decide.mutateAsync({
            id: report.id,
            decision: v.decision,
            comment: v.comment.trim(),
            version: report.version,
          });
          message.success(t(v.decision === 'CONFIRM' ? 'decide.confirmed' : 'decide.dismissed'));
          onClose();
        } catch (e) {
          message.error(errorText(t, e));
        }
      }}
      destroyOnHidden
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{report?.account}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="decision"
          rules={[{ required: true, message: t('required') }]}
          extra={t('decide.confirmHint')}
        >
          <Radio.Group data-testid="abuse-decision">
            <Radio value="CONFIRM">{t('decide.confirm')}</Radio>
            <Radio value="DISMISS">{t('decide.dismiss')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('decide.comment')}
          rules={[{ required: true, whitespace: true, message: t('required') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="abuse-decide-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
