import type { THandoverKind } from '@huifang/contracts';
import { HANDOVER_KINDS } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { errorKeys } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { usersQuery } from '../admin/api';
import { handoverQuery, useHandover } from './api';

/**
 * 离职 / 调岗交接 (docs/rules.md#r-conf-5-handover): the checklist for one user, done in one step: open
 * tasks to another caller, sessions ended, signatures archived; what the user read stays on record.
 */
export function HandoverPage() {
  const { t } = useTranslation('confidentiality');
  const users = useQuery(usersQuery());
  const [userId, setUserId] = useState('');
  const preview = useQuery(handoverQuery(userId));
  const handover = useHandover(userId);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: THandoverKind; toUserId?: string; note?: string }>();
  const callers = (users.data?.items ?? []).filter((u) => u.role === 'CALLER' && u.active && u.id !== userId);
  const p = preview.data;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={<PageTitle title={t('handover.title')} subtitle={t('handover.subtitle')} />}>
        <Form layout="vertical">
          <Form.Item label={t('handover.user')} htmlFor="handover-user">
            <Select
              id="handover-user"
              showSearch={{ optionFilterProp: 'label' }}
              loading={users.isPending}
              value={userId || undefined}
              onChange={(v: string) => {
                setUserId(v);
                handover.reset();
              }}
              options={(users.data?.items ?? []).map((u) => ({
                value: u.id,
                label: `${u.name} (${u.email})`,
              }))}
              style={{ maxWidth: 480 }}
              data-testid="handover-user"
            />
          </Form.Item>
        </Form>
        {p ? (
          <Descriptions
            column={{ xs: 1, sm: 2 }}
            size="small"
            bordered
            data-testid="handover-checklist"
            items={[
              {
                key: 'state',
                label: t('handover.state'),
                children: p.user.active ? t('handover.active') : <Tag>{t('handover.inactive')}</Tag>,
              },
              { key: 'tasks', label: t('handover.openTasks'), children: p.openTasks },
              { key: 'sessions', label: t('handover.sessions'), children: p.sessions },
              { key: 'signatures', label: t('handover.signatures'), children: p.signatures },
              {
                key: 'reads',
                label: t('handover.contactReads'),
                children: t('handover.kept', { count: p.contactReads }),
              },
            ]}
          />
        ) : null}
      </Card>
      {p ? (
        <Card title={t('handover.do')}>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ kind: 'LEAVING' }}
            onFinish={(v) => handover.mutate(v, { onSuccess: () => message.success(t('handover.done')) })}
          >
            <Form.Item name="kind" label={t('handover.kind')}>
              <Radio.Group>
                {HANDOVER_KINDS.map((k) => (
                  <Radio key={k} value={k}>
                    {t(`handover.kinds.${k}`)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item
              name="toUserId"
              label={t('handover.toUser')}
              rules={p.openTasks > 0 ? [{ required: true, message: t('handover.toUserRequired') }] : []}
            >
              <Select
                allowClear
                options={callers.map((u) => ({ value: u.id, label: u.name }))}
                style={{ maxWidth: 360 }}
                data-testid="handover-to"
              />
            </Form.Item>
            <Form.Item name="note" label={t('handover.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Popconfirm
              title={t('handover.confirm', { name: p.user.name })}
              okText={t('handover.submit')}
              cancelText={t('common:actions.cancel')}
              onConfirm={() => form.submit()}
            >
              <Button type="primary" danger loading={handover.isPending} data-testid="handover-submit">
                {t('handover.submit')}
              </Button>
            </Popconfirm>
          </Form>
          {handover.isError ? (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 12 }}
              title={t(errorKeys(handover.error, 'confidentiality:errors'))}
            />
          ) : null}
        </Card>
      ) : null}
      {p && p.handovers.length > 0 ? (
        <Card title={t('handover.history')}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={p.handovers}
            data-testid="handover-history"
            columns={[
              { title: t('handover.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
              {
                title: t('handover.kind'),
                dataIndex: 'kind',
                render: (k: THandoverKind) => t(`handover.kinds.${k}`),
              },
              {
                title: t('handover.toUser'),
                key: 'to',
                render: (_: unknown, h) => h.toUser?.name ?? '--',
              },
              { title: t('handover.tasksReassigned'), dataIndex: 'tasksReassigned' },
              { title: t('handover.sessionsEnded'), dataIndex: 'sessionsEnded' },
              { title: t('handover.agreementsArchived'), dataIndex: 'agreementsArchived' },
              { title: t('handover.by'), key: 'by', render: (_: unknown, h) => h.by?.name ?? '--' },
              { title: t('handover.note'), dataIndex: 'note', render: (v: string | null) => v ?? '--' },
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}
