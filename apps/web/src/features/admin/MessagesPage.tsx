import type { TOutboundMessage, TPage } from '@huifang/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';

const STATUS_COLOR = { SENT: 'success', CAPTURED: 'default', FAILED: 'error' } as const;

/**
 * 发送记录 (docs/product.md#messages): every e-mail and SMS the app sent, recorded (no provider set
 * up — how a developer reads them) or failed, newest first.
 */
export function MessagesPage() {
  const { t } = useTranslation('surveys');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['messages', page],
    queryFn: ({ signal }) => api<TPage<TOutboundMessage>>('/messages', { query: { page, size: 20 }, signal }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title={<PageTitle title={t('messages.title')} subtitle={t('messages.subtitle')} />}>
      {q.isError ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<TOutboundMessage>
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: t('messages.empty') }}
          pagination={{
            current: page,
            pageSize: 20,
            total: q.data?.total ?? 0,
            showSizeChanger: false,
            onChange: setPage,
          }}
          data-testid="message-table"
          columns={[
            {
              title: t('messages.col.createdAt'),
              key: 'at',
              width: 150,
              render: (_: unknown, m) => formatDateTime(m.createdAt),
            },
            {
              title: t('messages.col.channel'),
              key: 'channel',
              width: 80,
              render: (_: unknown, m) => (m.channel === 'SMS' ? 'SMS' : 'E-mail'),
            },
            { title: t('messages.col.to'), key: 'to', dataIndex: 'to' },
            {
              title: t('messages.col.content'),
              key: 'content',
              render: (_: unknown, m) => (
                <div style={{ maxWidth: 560 }}>
                  {m.subject ? <Typography.Text strong>{m.subject}</Typography.Text> : null}
                  <Typography.Paragraph className="hf-wrap" style={{ margin: 0 }} data-testid="message-body">
                    {m.body}
                  </Typography.Paragraph>
                </div>
              ),
            },
            {
              title: t('messages.col.status'),
              key: 'status',
              width: 110,
              render: (_: unknown, m) => (
                <Tag color={STATUS_COLOR[m.status]} title={m.error ?? undefined}>
                  {t(`messages.status.${m.status}`)}
                </Tag>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
