import { MailOutlined, MessageOutlined } from '@ant-design/icons';
import type { TSurveyLink, TSurveyLinkCreated } from '@huifang/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorKeys } from '../../lib/api';
import { formatDateTime } from '../../lib/format';

const linksQuery = (taskId: string) =>
  queryOptions({
    queryKey: ['tasks', 'survey-links', taskId],
    queryFn: ({ signal }) => api<{ items: TSurveyLink[] }>(`/tasks/${taskId}/survey-links`, { signal }),
  });

const STATE_COLOR: Record<TSurveyLink['state'], string> = {
  SENT: 'processing',
  OPENED: 'blue',
  ANSWERED: 'success',
  EXPIRED: 'default',
  CANCELLED: 'default',
};

/**
 * 线上问卷 on a task (docs/rules.md#r-srv-1-survey-links): the assignee sends the questionnaire as a
 * link by SMS or e-mail and follows what became of it.
 */
export function SurveyLinkCard({
  taskId,
  canSend,
  hasEmail,
}: {
  taskId: string;
  canSend: boolean;
  hasEmail: boolean;
}) {
  const { t } = useTranslation('surveys');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const links = useQuery(linksQuery(taskId));
  const [url, setUrl] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (channel: 'SMS' | 'EMAIL') =>
      api<TSurveyLinkCreated>(`/tasks/${taskId}/survey-links`, { method: 'POST', body: { channel } }),
    onSuccess: (r) => {
      setUrl(r.url);
      message.success(t('link.sent'));
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: ['tasks'] }),
  });
  const items = links.data?.items ?? [];
  if (!canSend && items.length === 0) return null;
  return (
    <Card size="small" title={t('link.title')} data-testid="survey-links">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('link.hint')}
      </Typography.Paragraph>
      {canSend ? (
        <Space wrap style={{ marginBottom: 12 }}>
          <Button
            icon={<MessageOutlined />}
            loading={send.isPending && send.variables === 'SMS'}
            onClick={() => send.mutate('SMS')}
            data-testid="survey-send-sms"
          >
            {t('link.sendSms')}
          </Button>
          <Tooltip title={hasEmail ? undefined : t('link.noEmail')}>
            <Button
              icon={<MailOutlined />}
              disabled={!hasEmail}
              loading={send.isPending && send.variables === 'EMAIL'}
              onClick={() => send.mutate('EMAIL')}
              data-testid="survey-send-email"
            >
              {t('link.sendEmail')}
            </Button>
          </Tooltip>
        </Space>
      ) : null}
      {send.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(errorKeys(send.error, 'surveys:link.error'))}
          data-testid="survey-send-error"
        />
      ) : null}
      {url ? (
        <Alert
          type="success"
          style={{ marginBottom: 12 }}
          title={t('link.copy')}
          description={
            <Typography.Text copyable code style={{ wordBreak: 'break-all' }} data-testid="survey-url">
              {url}
            </Typography.Text>
          }
        />
      ) : null}
      <Table<TSurveyLink>
        rowKey="id"
        size="small"
        pagination={false}
        loading={links.isPending}
        dataSource={items}
        locale={{ emptyText: t('link.none') }}
        data-testid="survey-link-table"
        columns={[
          { title: t('link.col.sentAt'), key: 'sentAt', render: (_: unknown, l) => formatDateTime(l.sentAt) },
          {
            title: t('link.col.channel'),
            key: 'channel',
            render: (_: unknown, l) => `${l.channel === 'SMS' ? 'SMS' : 'E-mail'} ${l.sentTo}`,
          },
          {
            title: t('link.col.state'),
            key: 'state',
            render: (_: unknown, l) => (
              <Space orientation="vertical" size={0}>
                <Tag color={STATE_COLOR[l.state]} data-testid="survey-link-state">
                  {t(`link.state.${l.state}`)}
                </Tag>
                {l.reminders ? (
                  <Typography.Text type="secondary">{t('link.reminded', { n: l.reminders })}</Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('link.col.delivery'),
            key: 'delivery',
            render: (_: unknown, l) => (l.delivery ? t(`link.delivery.${l.delivery}`) : '--'),
          },
        ]}
      />
    </Card>
  );
}
