import { PlusOutlined } from '@ant-design/icons';
import type { TAgreement, TRevealPolicy } from '@huifang/contracts';
import { REVEAL_POLICIES } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { errorKeys } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import {
  agreementsQuery,
  revealPolicyQuery,
  signaturesQuery,
  usePublishAgreement,
  useSetRevealPolicy,
} from './api';

/**
 * 保密协议 (docs/product.md#confidentiality): the agreement's versions with how many signed, a new
 * version published, and the reveal policy.
 */
export function ConfidentialityPage() {
  const { t } = useTranslation('confidentiality');
  const list = useQuery(agreementsQuery);
  const [publishing, setPublishing] = useState(false);
  const [showing, setShowing] = useState<TAgreement | null>(null);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<PageTitle title={t('admin.title')} subtitle={t('admin.subtitle')} />}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setPublishing(true)}
            data-testid="agreement-publish"
          >
            {t('admin.publish')}
          </Button>
        }
      >
        {list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<TAgreement>
            rowKey="id"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('admin.empty') }}
            data-testid="agreement-table"
            columns={[
              {
                title: t('admin.version'),
                dataIndex: 'version',
                render: (v: number, a) => (
                  <Space>
                    {`v${v}`}
                    {a.current ? <Tag color="blue">{t('admin.current')}</Tag> : null}
                  </Space>
                ),
              },
              { title: t('admin.agreementTitle'), dataIndex: 'title' },
              {
                title: t('admin.published'),
                key: 'published',
                render: (_: unknown, a) => `${a.publishedBy?.name ?? ''} · ${formatDateTime(a.publishedAt)}`,
              },
              {
                title: t('admin.signed'),
                key: 'signed',
                render: (_: unknown, a) => (
                  <Button type="link" size="small" onClick={() => setShowing(a)}>
                    {t('admin.signedOf', { signed: a.signedCount ?? 0, of: a.activeUsers ?? 0 })}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      <PolicyCard />
      {publishing ? <PublishModal onClose={() => setPublishing(false)} /> : null}
      {showing ? <SignaturesModal agreement={showing} onClose={() => setShowing(null)} /> : null}
    </Space>
  );
}

function PolicyCard() {
  const { t } = useTranslation('confidentiality');
  const policy = useQuery(revealPolicyQuery);
  const save = useSetRevealPolicy();
  const { message } = App.useApp();
  return (
    <Card title={t('policy.title')}>
      <Typography.Paragraph type="secondary">{t('policy.explain')}</Typography.Paragraph>
      <Radio.Group
        aria-label={t('policy.title')}
        value={policy.data?.revealPolicy}
        disabled={!policy.data || save.isPending}
        onChange={(e) =>
          policy.data &&
          save.mutate(
            { revealPolicy: e.target.value as TRevealPolicy, version: policy.data.version },
            { onSuccess: () => message.success(t('policy.saved')) },
          )
        }
        data-testid="reveal-policy-select"
      >
        <Space orientation="vertical">
          {REVEAL_POLICIES.map((p) => (
            <Radio key={p} value={p}>
              {t(`policy.${p}`)}
            </Radio>
          ))}
        </Space>
      </Radio.Group>
      {save.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t(errorKeys(save.error, 'confidentiality:errors'))}
        />
      ) : null}
    </Card>
  );
}

function PublishModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('confidentiality');
  const publish = usePublishAgreement();
  const [form] = Form.useForm<{ title: string; body: string }>();
  return (
    <Modal
      open
      title={t('admin.publish')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('admin.publishOk')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={publish.isPending}
      okButtonProps={{ 'data-testid': 'agreement-publish-ok' } as never}
    >
      <Alert type="warning" showIcon title={t('admin.publishWarning')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={(v) => publish.mutate(v, { onSuccess: onClose })}>
        <Form.Item name="title" label={t('admin.agreementTitle')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="agreement-title" />
        </Form.Item>
        <Form.Item name="body" label={t('admin.body')} rules={[{ required: true, max: 20000 }]}>
          <Input.TextArea rows={10} data-testid="agreement-text" />
        </Form.Item>
      </Form>
      {publish.isError ? (
        <Alert type="error" showIcon title={t(errorKeys(publish.error, 'confidentiality:errors'))} />
      ) : null}
    </Modal>
  );
}

function SignaturesModal({ agreement, onClose }: { agreement: TAgreement; onClose: () => void }) {
  const { t } = useTranslation('confidentiality');
  const sigs = useQuery(signaturesQuery(agreement.id));
  return (
    <Modal
      open
      width={720}
      title={t('admin.signaturesOf', { version: agreement.version })}
      onCancel={onClose}
      footer={null}
    >
      <Table
        rowKey={(r) => r.user.id}
        size="small"
        loading={sigs.isPending}
        dataSource={sigs.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('admin.user'),
            key: 'user',
            render: (_: unknown, r) => (
              <Space>
                {r.user.name}
                {r.active ? null : <Tag>{t('admin.inactive')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('admin.signedAt'),
            key: 'signedAt',
            render: (_: unknown, r) =>
              r.signedAt ? (
                <Space>
                  {formatDateTime(r.signedAt)}
                  {r.archivedAt ? <Tag>{t('admin.archived')}</Tag> : null}
                </Space>
              ) : (
                <Tag color="orange">{t('admin.notSigned')}</Tag>
              ),
          },
          { title: t('admin.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '--' },
        ]}
      />
    </Modal>
  );
}
