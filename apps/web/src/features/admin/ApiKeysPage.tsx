import { PlusOutlined } from '@ant-design/icons';
import type { TApiKey, TApiKeyScope } from '@huifang/contracts';
import { API_KEY_SCOPES } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Checkbox,
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
import { formatDateTime } from '../../lib/format';
import { apiKeysQuery, useCreateApiKey, useRevokeApiKey } from './api';

/**
 * 接口密钥 (docs/api.md#integrations): the keys other systems post customer events with. A key is
 * shown once, when made; revoking stops it at once.
 */
export function ApiKeysPage() {
  const { t } = useTranslation('admin');
  const keys = useQuery(apiKeysQuery);
  const revoke = useRevokeApiKey();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);

  return (
    <Card
      title={<PageTitle title={t('apiKeys.title')} subtitle={t('apiKeys.subtitle')} />}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="key-add">
          {t('apiKeys.add')}
        </Button>
      }
    >
      <Alert type="info" showIcon title={t('apiKeys.howTo')} style={{ marginBottom: 16 }} />
      {revoke.isError ? (
        <Alert
          type="error"
          showIcon
          title={t(errorKeys(revoke.error, 'admin:apiKeys.error'))}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {keys.isError ? (
        <LoadError error={keys.error} onRetry={() => void keys.refetch()} />
      ) : (
        <Table<TApiKey>
          rowKey="id"
          loading={keys.isPending}
          dataSource={keys.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('apiKeys.empty') }}
          data-testid="key-table"
          columns={[
            { title: t('apiKeys.name'), dataIndex: 'name' },
            {
              title: t('apiKeys.prefix'),
              dataIndex: 'prefix',
              render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
            },
            {
              title: t('apiKeys.scopes'),
              dataIndex: 'scopes',
              render: (scopes: TApiKeyScope[]) => (
                <Space size={4} wrap>
                  {scopes.map((sc) => (
                    <Tag key={sc}>{t(`apiKeys.scope.${sc}`)}</Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t('apiKeys.created'),
              key: 'created',
              render: (_: unknown, k) => `${k.createdBy?.name ?? ''} · ${formatDateTime(k.createdAt)}`,
            },
            {
              title: t('apiKeys.lastUsed'),
              dataIndex: 'lastUsedAt',
              render: (v: string | null) => (v ? formatDateTime(v) : t('apiKeys.never')),
            },
            {
              title: t('apiKeys.status'),
              key: 'status',
              render: (_: unknown, k) =>
                k.revokedAt ? (
                  <Space orientation="vertical" size={0}>
                    <Tag>{t('apiKeys.revoked')}</Tag>
                    <Typography.Text type="secondary">{formatDateTime(k.revokedAt)}</Typography.Text>
                  </Space>
                ) : (
                  <Popconfirm
                    title={t('apiKeys.revokeConfirm', { name: k.name })}
                    okText={t('apiKeys.revoke')}
                    cancelText={t('common:actions.cancel')}
                    okButtonProps={{ danger: true, 'data-testid': 'key-revoke-confirm' } as ButtonProps}
                    onConfirm={() =>
                      revoke.mutate(k.id, { onSuccess: () => message.success(t('apiKeys.revokedDone')) })
                    }
                  >
                    <Button size="small" danger data-testid="key-revoke">
                      {t('apiKeys.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      )}
      {adding ? <NewKeyModal onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}

function NewKeyModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('admin');
  const create = useCreateApiKey();
  const [form] = Form.useForm<{ name: string; scopes: TApiKeyScope[] }>();
  const made = create.data;
  return (
    <Modal
      open
      title={made ? t('apiKeys.madeTitle', { name: made.apiKey.name }) : t('apiKeys.add')}
      onCancel={onClose}
      onOk={() => (made ? onClose() : form.submit())}
      okText={made ? t('apiKeys.done') : t('apiKeys.make')}
      cancelText={t('common:actions.cancel')}
      cancelButtonProps={made ? { style: { display: 'none' } } : {}}
      confirmLoading={create.isPending}
      maskClosable={!made}
      destroyOnHidden
      okButtonProps={{ 'data-testid': made ? 'key-done' : 'key-make' } as ButtonProps}
    >
      {made ? (
        <>
          <Alert type="warning" showIcon title={t('apiKeys.copyNow')} style={{ marginBottom: 12 }} />
          <Typography.Paragraph copyable={{ text: made.key }} code data-testid="key-secret">
            {made.key}
          </Typography.Paragraph>
        </>
      ) : (
        <>
          {create.isError ? (
            <Alert
              type="error"
              showIcon
              title={t(errorKeys(create.error, 'admin:apiKeys.error'))}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <Form<{ name: string; scopes: TApiKeyScope[] }>
            form={form}
            layout="vertical"
            initialValues={{ scopes: ['EVENTS'] }}
            onFinish={(v) => create.mutate({ name: v.name.trim(), scopes: v.scopes })}
          >
            <Form.Item
              name="name"
              label={t('apiKeys.name')}
              extra={t('apiKeys.nameHint')}
              rules={[{ required: true, whitespace: true, message: t('apiKeys.nameRequired') }]}
            >
              <Input maxLength={60} data-testid="key-name" />
            </Form.Item>
            <Form.Item
              name="scopes"
              label={t('apiKeys.scopes')}
              rules={[{ required: true, type: 'array', min: 1, message: t('apiKeys.scopesRequired') }]}
            >
              <Checkbox.Group
                data-testid="key-scopes"
                options={API_KEY_SCOPES.map((sc) => ({ value: sc, label: t(`apiKeys.scope.${sc}`) }))}
              />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
