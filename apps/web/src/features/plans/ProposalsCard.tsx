import { PlusOutlined } from '@ant-design/icons';
import type { TPlanDetail, TPlanProposal } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../lib/format';
import { planProposalsQuery, useAddProposals } from './api';
import { planError } from './errors';

/**
 * 规则建议: the visits the cadence rules not approved propose for the plan's month
 * (docs/rules.md#r-cad-7-rule-proposals); the lead ticks some and adds them to the plan.
 */
export function ProposalsCard({ plan }: { plan: TPlanDetail }) {
  const { t } = useTranslation('plans');
  const { message } = App.useApp();
  const proposals = useQuery(planProposalsQuery(plan.id));
  const add = useAddProposals(plan.id);
  const [selected, setSelected] = useState<string[]>([]);
  const items = proposals.data?.items ?? [];
  const total = proposals.data?.total ?? 0;
  // a plan visits a customer once: a customer's other visits cannot be ticked with one of theirs
  const chosenCustomers = new Map(
    items.filter((p) => selected.includes(p.key)).map((p) => [p.customer.id, p.key]),
  );

  const columns: ColumnsType<TPlanProposal> = [
    {
      title: t('proposals.col.rule'),
      key: 'rule',
      render: (_, p) => <Tag color="geekblue">{p.rule.name}</Tag>,
    },
    {
      title: t('proposals.col.customer'),
      key: 'customer',
      render: (_, p) => (
        <div>
          <Typography.Text data-testid="proposal-customer">{p.customer.name}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.customer.phone}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('proposals.col.event'),
      key: 'event',
      render: (_, p) => (
        <span>
          {t(`customers:eventKind.${p.eventKind}`)} {formatDay(p.eventDay)}
        </span>
      ),
    },
    {
      title: t('proposals.col.due'),
      key: 'due',
      render: (_, p) => formatDay(p.dueDay),
    },
    {
      title: t('proposals.col.window'),
      key: 'window',
      render: (_, p) => `${formatDay(p.windowFrom)} – ${formatDay(p.windowTo)}`,
    },
  ];

  const onAdd = () =>
    add.mutate(
      { keys: selected, version: plan.version },
      {
        onSuccess: (r) => {
          setSelected([]);
          void message.success(t('proposals.added', { count: r.added }));
        },
        onError: (e) => void message.error(planError(t, e)),
      },
    );

  return (
    <Card
      size="small"
      title={t('proposals.title')}
      data-testid="proposals"
      extra={
        <Space wrap>
          {selected.length ? (
            <Typography.Text type="secondary">
              {t('proposals.selected', { count: selected.length })}
            </Typography.Text>
          ) : null}
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={selected.length === 0}
            loading={add.isPending}
            onClick={onAdd}
            data-testid="proposals-add"
          >
            {t('proposals.add')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('proposals.hint')}</Typography.Paragraph>
      {total > items.length ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('proposals.more', { total, shown: items.length })}
        />
      ) : null}
      <Table<TPlanProposal>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={items}
        loading={proposals.isLoading}
        locale={{ emptyText: t('proposals.empty') }}
        pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        scroll={{ x: 640 }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (p) => {
            const taken = chosenCustomers.get(p.customer.id);
            return {
              disabled: taken !== undefined && taken !== p.key,
              title: taken !== undefined && taken !== p.key ? t('proposals.oneCustomer') : undefined,
              'aria-label': `${p.rule.name} ${p.customer.name} ${p.dueDay}`,
            };
          },
        }}
      />
    </Card>
  );
}
