// One churn case: what it says, the evidence it came from, the customer's recent visits and
// tickets, and the win-back visit planned for it.
import type { TChurnCaseDetail } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { useCan } from '../../lib/auth';
import { formatDateTime, formatDay } from '../../lib/format';
import { PHONE_QUERY, useMediaQuery } from '../../lib/media';
import { churnCaseQuery } from './api';
import { ChurnDialogs, type Dialog } from './dialogs';
import { ChurnStatusTag, EvidenceText, evidenceLink, useReasonLabel, Who } from './labels';

export function ChurnCaseDetailPage() {
  const { id = '' } = useParams();
  const q = useQuery(churnCaseQuery(id));
  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Card loading />;
  return <CaseView c={q.data} />;
}

function CaseView({ c }: { c: TChurnCaseDetail }) {
  const { t } = useTranslation('churn');
  const can = useCan();
  const reasonLabel = useReasonLabel();
  const [dialog, setDialog] = useState<Dialog>(null);
  const writer = can('churn:write');
  const link = evidenceLink(c);
  const phone = useMediaQuery(PHONE_QUERY);
  const actions = writer ? (
    <Space wrap>
      {c.status === 'SUGGESTED' ? (
        <>
          <Button
            type="primary"
            onClick={() => setDialog({ kind: 'confirm', c })}
            data-testid="churn-confirm"
          >
            {t('action.confirm')}
          </Button>
          <Button onClick={() => setDialog({ kind: 'dismiss', c })} data-testid="churn-dismiss">
            {t('action.dismiss')}
          </Button>
        </>
      ) : null}
      {c.customer && !c.winBackTask && c.status !== 'DISMISSED' ? (
        <Button onClick={() => setDialog({ kind: 'win-back', c })} data-testid="churn-winback">
          {t('action.winBack')}
        </Button>
      ) : null}
    </Space>
  ) : null;

  return (
    <Flex vertical gap={16}>
      <Card
        title={<PageTitle title={t('detail.title')} subtitle={t('detail.subtitle')} />}
        extra={phone ? null : actions}
      >
        {phone && actions ? <div style={{ marginBottom: 12 }}>{actions}</div> : null}
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('col.status')}>
            <ChurnStatusTag status={c.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('col.customer')}>
            {c.customer ? (
              <Link to={`/customers/${c.customer.id}`}>
                <Who c={c} />
              </Link>
            ) : (
              <Who c={c} />
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('col.stage')}>
            {c.stage ? t(`stage.${c.stage}`) : '--'}
          </Descriptions.Item>
          <Descriptions.Item label={t('col.day')}>{formatDay(c.day)}</Descriptions.Item>
          <Descriptions.Item label={t('col.reason')}>
            {c.reason ? (
              <span>
                {t(`category.${c.reason.category}`)} · {reasonLabel(c.reason)}
                {c.reason.active ? null : <Tag style={{ marginLeft: 8 }}>{t('reasons.retired')}</Tag>}
              </span>
            ) : c.categoryGuess ? (
              t('guess', { category: t(`category.${c.categoryGuess}`) })
            ) : (
              '--'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('col.department')}>{c.department?.name ?? '--'}</Descriptions.Item>
          <Descriptions.Item label={t('col.evidence')} span={2}>
            {link ? (
              <Link to={link}>
                <EvidenceText c={c} />
              </Link>
            ) : (
              <EvidenceText c={c} />
            )}
          </Descriptions.Item>
          {c.note ? (
            <Descriptions.Item label={t('field.note')} span={2}>
              {c.note}
            </Descriptions.Item>
          ) : null}
          {c.dismissReason ? (
            <Descriptions.Item label={t('col.dismissReason')} span={2}>
              {c.dismissReason}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('detail.recorded')}>
            {c.createdBy ? `${c.createdBy.name} · ` : `${t('detail.system')} · `}
            {formatDateTime(c.createdAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.decided')}>
            {c.decidedBy ? `${c.decidedBy.name} · ${formatDateTime(c.decidedAt)}` : '--'}
          </Descriptions.Item>
          <Descriptions.Item label={t('col.winBack')} span={2}>
            {c.winBackTask ? (
              <span data-testid="churn-winback-task">
                {t('detail.winBackTask', {
                  name: c.winBackTask.assignee.name,
                  day: formatDay(c.winBackTask.dueDate),
                  status: t(`taskStatus.${c.winBackTask.status}`, { defaultValue: c.winBackTask.status }),
                })}
              </span>
            ) : (
              '--'
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {c.customer ? (
        <Flex gap={16} wrap>
          <Card size="small" title={t('detail.visits')} style={{ flex: '1 1 340px', minWidth: 0 }}>
            <List
              size="small"
              dataSource={c.visits}
              locale={{ emptyText: <Typography.Text type="secondary">{t('detail.none')}</Typography.Text> }}
              renderItem={(v) => (
                <List.Item>
                  <Space orientation="vertical" size={0}>
                    <span>
                      {formatDateTime(v.startedAt)} · {v.caller} ·{' '}
                      {t(`outcome.${v.outcome}`, { defaultValue: v.outcome })}
                      {v.satisfaction ? ` · ${t('detail.satisfaction', { n: v.satisfaction })}` : ''}
                    </span>
                    {v.opinions ? <Typography.Text type="secondary">{v.opinions}</Typography.Text> : null}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card size="small" title={t('detail.tickets')} style={{ flex: '1 1 340px', minWidth: 0 }}>
            <List
              size="small"
              dataSource={c.tickets}
              locale={{ emptyText: <Typography.Text type="secondary">{t('detail.none')}</Typography.Text> }}
              renderItem={(tk) => (
                <List.Item>
                  <Link to={`/tickets/${tk.id}`}>
                    #{tk.number} {tk.title}
                  </Link>
                  <Typography.Text type="secondary">
                    {t(`ticketStatus.${tk.status}`, { defaultValue: tk.status })}
                  </Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Flex>
      ) : null}
      <ChurnDialogs dialog={dialog} onClose={() => setDialog(null)} />
    </Flex>
  );
}
