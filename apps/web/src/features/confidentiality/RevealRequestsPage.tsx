import type { TRevealRequest, TRevealRequestStatus } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { errorKeys } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { revealRequestsQuery, useDecideRevealRequest } from './api';

const COLOR: Record<TRevealRequestStatus, string> = {
  PENDING: 'gold',
  APPROVED: 'green',
  REFUSED: 'red',
  USED: 'default',
};

/** 查看申请 (docs/rules.md#r-conf-4-reveal-requests): approvers decide, others follow their own. */
export function RevealRequestsPage() {
  const { t } = useTranslation('confidentiality');
  const list = useQuery(revealRequestsQuery);
  const decide = useDecideRevealRequest();
  return (
    <Card title={<PageTitle title={t('requests.title')} subtitle={t('requests.subtitle')} />}>
      {decide.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(errorKeys(decide.error, 'confidentiality:errors'))}
        />
      ) : null}
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<TRevealRequest>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('requests.empty') }}
          data-testid="reveal-requests"
          columns={[
            { title: t('requests.requester'), key: 'requester', render: (_: unknown, r) => r.requester.name },
            {
              title: t('requests.customer'),
              key: 'customer',
              render: (_: unknown, r) => <Link to={`/customers/${r.customer.id}`}>{r.customer.name}</Link>,
            },
            { title: t('requests.reason'), dataIndex: 'reason' },
            { title: t('requests.at'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            {
              title: t('requests.status'),
              key: 'status',
              render: (_: unknown, r) =>
                r.mayDecide ? (
                  <Space>
                    <Button
                      size="small"
                      type="primary"
                      loading={decide.isPending}
                      onClick={() => decide.mutate({ id: r.id, decision: 'APPROVED' })}
                      data-testid="reveal-approve"
                    >
                      {t('requests.approve')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      loading={decide.isPending}
                      onClick={() => decide.mutate({ id: r.id, decision: 'REFUSED' })}
                    >
                      {t('requests.refuse')}
                    </Button>
                  </Space>
                ) : (
                  <Space>
                    <Tag color={COLOR[r.status]}>{t(`requests.statuses.${r.status}`)}</Tag>
                    {r.decidedBy ? `${r.decidedBy.name} · ${formatDateTime(r.decidedAt ?? '')}` : null}
                  </Space>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
