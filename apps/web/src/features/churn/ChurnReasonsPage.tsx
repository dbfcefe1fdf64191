// The organisation's churn reasons (docs/rules.md#r-churn-1-churn-reasons): four fixed categories,
// each with its own sub-reasons to add, rename, re-sort, retire and restore.
import { PlusOutlined } from '@ant-design/icons';
import type { TChurnCategory, TChurnReason } from '@huifang/contracts';
import { CHURN_CATEGORIES } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, InputNumber, Modal, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { errorKeys } from '../../lib/api';
import { churnReasonsQuery, useChurnReasonSave } from './api';

type Editing = { category: TChurnCategory; reason?: TChurnReason } | null;

export function ChurnReasonsPage() {
  const { t } = useTranslation('churn');
  const q = useQuery(churnReasonsQuery);
  const [editing, setEditing] = useState<Editing>(null);
  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  return (
    <Flex vertical gap={16}>
      <Card
        title={<PageTitle title={t('reasons.title')} subtitle={t('reasons.subtitle')} />}
        loading={q.isLoading}
      >
        <Flex vertical gap={16}>
          {CHURN_CATEGORIES.map((c) => (
            <Card
              key={c}
              size="small"
              title={t(`category.${c}`)}
              extra={
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setEditing({ category: c })}
                  data-testid={`reason-add-${c}`}
                >
                  {t('reasons.add')}
                </Button>
              }
            >
              <Table<TChurnReason>
                rowKey="id"
                size="small"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={(q.data?.items ?? []).filter((r) => r.category === c)}
                columns={[
                  {
                    title: t('reasons.label'),
                    dataIndex: 'label',
                    render: (l: string, r) => (
                      <span>
                        {l} {r.active ? null : <Tag>{t('reasons.retired')}</Tag>}
                      </span>
                    ),
                  },
                  {
                    title: t('reasons.labelEn'),
                    dataIndex: 'labelEn',
                    render: (l: string | null) => l ?? '--',
                  },
                  { title: t('reasons.sort'), dataIndex: 'sort', align: 'right' },
                  { title: t('reasons.cases'), dataIndex: 'cases', align: 'right' },
                  {
                    title: t('col.actions'),
                    key: 'edit',
                    render: (_, r) => (
                      <Button size="small" onClick={() => setEditing({ category: c, reason: r })}>
                        {t('reasons.edit')}
                      </Button>
                    ),
                  },
                ]}
              />
            </Card>
          ))}
        </Flex>
      </Card>
      {editing ? <ReasonDialog editing={editing} onClose={() => setEditing(null)} /> : null}
    </Flex>
  );
}

function ReasonDialog({ editing, onClose }: { editing: NonNullable<Editing>; onClose: () => void }) {
  const { t } = useTranslation('churn');
  const { message } = App.useApp();
  const save = useChurnReasonSave();
  const [form] = Form.useForm<{ label: string; labelEn?: string; sort?: number; active: boolean }>();
  const r = editing.reason;
  return (
    <Modal
      open
      title={`${t(`category.${editing.category}`)} · ${r ? t('reasons.edit') : t('reasons.add')}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          label: r?.label,
          labelEn: r?.labelEn ?? undefined,
          sort: r?.sort,
          active: r?.active ?? true,
        }}
        onFinish={(v) =>
          save.mutate(
            r
              ? {
                  id: r.id,
                  body: {
                    version: r.version,
                    label: v.label,
                    labelEn: v.labelEn || null,
                    active: v.active,
                    ...(v.sort !== undefined && v.sort !== null ? { sort: v.sort } : {}),
                  },
                }
              : {
                  body: {
                    category: editing.category,
                    label: v.label,
                    ...(v.labelEn ? { labelEn: v.labelEn } : {}),
                    ...(v.sort !== undefined && v.sort !== null ? { sort: v.sort } : {}),
                  },
                },
            {
              onSuccess: () => {
                message.success(t('reasons.saved'));
                onClose();
              },
              onError: (e) => message.error(t(errorKeys(e, 'churn:error'))),
            },
          )
        }
      >
        <Form.Item
          name="label"
          label={t('reasons.label')}
          rules={[{ required: true, whitespace: true, message: t('required') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="labelEn" label={t('reasons.labelEn')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="sort" label={t('reasons.sort')}>
          <InputNumber min={0} max={10000} style={{ width: '100%' }} />
        </Form.Item>
        {r ? (
          <Form.Item
            name="active"
            label={t('reasons.active')}
            valuePropName="checked"
            extra={t('reasons.activeHint')}
          >
            <Switch />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
