import { PlusOutlined } from '@ant-design/icons';
import type { TDirectoryUser, TTeam } from '@huifang/contracts';
import { JOB_TITLES, ROLES } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Form, Input, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { ApiError } from '../../lib/api';
import { weakPasswordKey } from '../auth/errors';
import { departmentsQuery, teamsQuery, usersQuery, useSaveTeam, useSaveUser } from './api';

function UserDrawer({
  user,
  open,
  onClose,
}: {
  user: TDirectoryUser | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useSaveUser();
  const teams = useQuery(teamsQuery).data?.items ?? [];
  const departments = useQuery(departmentsQuery).data?.items ?? [];
  const submit = async (values: Record<string, unknown>) => {
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
    // the job title: "none" clears it
    if (values.title === '' || values.title === null) body.title = null;
    try {
      await save.mutateAsync({ id: user?.id, body: body as never });
      message.success(user ? t('users.updated') : t('users.created'));
      onClose();
    } catch (e) {
      const weak = weakPasswordKey(e);
      if (weak) form.setFields([{ name: 'password', errors: [t(weak)] }]);
      else message.error(e instanceof ApiError ? e.message : t('common:error.generic'));
    }
  };
  return (
    <Drawer
      title={user ? t('users.edit') : t('users.new')}
      open={open}
      onClose={onClose}
      size={420}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={user ? { ...user, email: user.email } : { role: 'CALLER' }}
        requiredMark={false}
      >
        <Form.Item name="name" label={t('users.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        {!user && (
          <Form.Item name="email" label={t('users.email')} rules={[{ required: true, type: 'email' }]}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`common:role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('users.jobTitle')} normalize={(v) => v ?? ''}>
          <Select
            data-testid="user-title"
            options={[
              { value: '', label: t('common:none') },
              ...JOB_TITLES.map((x) => ({ value: x, label: t(`common:jobTitle.${x}`) })),
            ]}
          />
        </Form.Item>
        <Form.Item name="departmentId" label={t('users.department')}>
          <Select allowClear options={departments.map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item name="teamId" label={t('users.team')}>
          <Select allowClear options={teams.map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
        <Form.Item
          name="password"
          label={user ? t('users.newPassword') : t('users.password')}
          rules={user ? [{ min: 8 }] : [{ required: true, min: 8 }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common:actions.save')}
          </Button>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}

function TeamsTab() {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const teams = useQuery(teamsQuery);
  const users = useQuery(usersQuery()).data?.items ?? [];
  const departments = useQuery(departmentsQuery).data?.items ?? [];
  const save = useSaveTeam();
  const [form] = Form.useForm();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Form
        form={form}
        layout="inline"
        onFinish={async (v) => {
          try {
            await save.mutateAsync({ body: v });
            message.success(t('teams.created'));
            form.resetFields();
          } catch (e) {
            message.error(e instanceof ApiError ? e.message : t('common:error.generic'));
          }
        }}
      >
        <Form.Item name="name" rules={[{ required: true }]}>
          <Input placeholder={t('teams.name')} aria-label={t('teams.name')} />
        </Form.Item>
        <Form.Item name="departmentId" rules={[{ required: true }]}>
          <Select
            style={{ width: 160 }}
            placeholder={t('teams.department')}
            aria-label={t('teams.department')}
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Button htmlType="submit" icon={<PlusOutlined />} loading={save.isPending}>
          {t('teams.new')}
        </Button>
      </Form>
      <Table<TTeam>
        rowKey="id"
        loading={teams.isPending}
        dataSource={teams.data?.items}
        pagination={false}
        columns={[
          { title: t('teams.name'), dataIndex: 'name' },
          {
            title: t('teams.department'),
            dataIndex: 'departmentId',
            render: (id) => departments.find((d) => d.id === id)?.name ?? '--',
          },
          {
            title: t('teams.leader'),
            dataIndex: 'leaderId',
            render: (id: string | null, team) => (
              <Select
                style={{ width: 160 }}
                allowClear
                value={id ?? undefined}
                aria-label={t('teams.leader')}
                options={users.filter((u) => u.role === 'LEAD').map((u) => ({ value: u.id, label: u.name }))}
                onChange={async (leaderId) => {
                  await save.mutateAsync({ id: team.id, body: { leaderId: leaderId ?? null } });
                  message.success(t('teams.updated'));
                }}
              />
            ),
          },
          { title: t('teams.members'), dataIndex: 'memberCount', align: 'right' },
        ]}
      />
    </Space>
  );
}

export function UsersPage() {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const [role, setRole] = useState<string | undefined>();
  const users = useQuery(usersQuery({ role }));
  const teams = useQuery(teamsQuery).data?.items ?? [];
  const departments = useQuery(departmentsQuery).data?.items ?? [];
  const save = useSaveUser();
  const [editing, setEditing] = useState<TDirectoryUser | null>(null);
  const [open, setOpen] = useState(false);

  const toggle = async (u: TDirectoryUser) => {
    try {
      await save.mutateAsync({ id: u.id, body: { active: !u.active } });
      message.success(t('users.updated'));
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('common:error.generic'));
    }
  };

  return (
    <Card title={<PageTitle title={t('users.title')} />}>
      <Tabs
        items={[
          {
            key: 'users',
            label: t('users.tabUsers'),
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Space>
                  <Select
                    allowClear
                    style={{ width: 160 }}
                    placeholder={t('users.filterRole')}
                    aria-label={t('users.filterRole')}
                    value={role}
                    onChange={setRole}
                    options={ROLES.map((r) => ({ value: r, label: t(`common:role.${r}`) }))}
                  />
                  <Button
                    type="primary"
                    icon={<PlusOutlined />}
                    onClick={() => {
                      setEditing(null);
                      setOpen(true);
                    }}
                  >
                    {t('users.new')}
                  </Button>
                </Space>
                <Table<TDirectoryUser>
                  rowKey="id"
                  size="middle"
                  loading={users.isPending}
                  dataSource={users.data?.items}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  columns={[
                    { title: t('users.name'), dataIndex: 'name' },
                    { title: t('users.email'), dataIndex: 'email' },
                    { title: t('users.role'), dataIndex: 'role', render: (r) => t(`common:role.${r}`) },
                    {
                      title: t('users.jobTitle'),
                      dataIndex: 'title',
                      render: (x: string | null) => (x ? t(`common:jobTitle.${x}`) : t('common:none')),
                    },
                    {
                      title: t('users.department'),
                      dataIndex: 'departmentId',
                      render: (id) => departments.find((d) => d.id === id)?.name ?? '--',
                    },
                    {
                      title: t('users.team'),
                      dataIndex: 'teamId',
                      render: (id) => teams.find((x) => x.id === id)?.name ?? '--',
                    },
                    {
                      title: t('users.active'),
                      dataIndex: 'active',
                      render: (a: boolean) => (
                        <Tag color={a ? 'green' : 'default'}>
                          {a ? t('users.activeYes') : t('users.activeNo')}
                        </Tag>
                      ),
                    },
                    {
                      title: '',
                      key: 'actions',
                      render: (_, u) => (
                        <Space>
                          <Button
                            size="small"
                            onClick={() => {
                              setEditing(u);
                              setOpen(true);
                            }}
                          >
                            {t('common:actions.edit')}
                          </Button>
                          <Button size="small" danger={u.active} onClick={() => void toggle(u)}>
                            {u.active ? t('users.deactivate') : t('users.activate')}
                          </Button>
                        </Space>
                      ),
                    },
                  ]}
                />
              </Space>
            ),
          },
          { key: 'teams', label: t('users.tabTeams'), children: <TeamsTab /> },
        ]}
      />
      <UserDrawer user={editing} open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}
