import { AlertOutlined, EditOutlined } from '@ant-design/icons';
import type { TQuestionnaire, TVisitRecord } from '@huifang/contracts';
import { Alert, Button, Card, Descriptions, Empty, Image, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan, useMe } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { VisitExpenses } from '../expenses/VisitExpenses';
import { VisitRecordings } from '../recordings/VisitRecordings';
import { AmendModal } from './AmendModal';
import { AnswerText, Duration, OutcomeTag } from './inputs';

function show(value: unknown, t: (k: string) => string): string {
  if (value === null || value === undefined || value === '') return t('common:none');
  if (Array.isArray(value)) return `${value.length}`;
  return String(value);
}

/** This task's records, read-only, each with its amendment history and a 更正 button. */
export function TaskRecords({
  records,
  questionnaire,
}: {
  records: TVisitRecord[];
  questionnaire: TQuestionnaire | null;
}) {
  const { t } = useTranslation('tasks');
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const [amending, setAmending] = useState<TVisitRecord | null>(null);
  const mayAmend = (r: TVisitRecord) =>
    can('visit:amend:any') || (can('visit:amend:own') && r.caller.id === me?.id);

  return (
    <Card title={t('records.title')} size="small" data-testid="task-records">
      {records.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('records.empty')} />
      ) : (
        records.map((r, i) => (
          <div
            key={r.id}
            data-testid="task-record"
            style={{ padding: '12px 0', borderTop: i ? '1px solid #f0f0f0' : undefined }}
          >
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Space size={8} wrap style={{ marginBottom: 8 }}>
                <Typography.Text strong>{t('records.attempt', { n: i + 1 })}</Typography.Text>
                <OutcomeTag outcome={r.outcome} />
                <Typography.Text type="secondary">
                  {formatDateTime(r.startedAt)} · {r.caller.name} · {t(`common:channel.${r.channel}`)}
                </Typography.Text>
                {r.amendmentCount > 0 && (
                  <Tag color="purple">{t('history.amended', { count: r.amendmentCount })}</Tag>
                )}
                {r.signOffStatus === 'SIGNED_OFF' && (
                  <Tag color="green" data-testid="record-signed-off">
                    {t('approvalChains:record.signedOff')}
                  </Tag>
                )}
              </Space>
              <Space size={8} style={{ alignSelf: 'flex-start' }}>
                {r.outcome === 'COMPLETED' && can('ticket:create') && (
                  <Button
                    icon={<AlertOutlined />}
                    size="small"
                    onClick={() => navigate(`/tickets/new?visitId=${r.id}`)}
                    data-testid="raise-ticket"
                  >
                    {t('records.raiseTicket')}
                  </Button>
                )}
                {mayAmend(r) && (
                  <Button
                    icon={<EditOutlined />}
                    size="small"
                    onClick={() => setAmending(r)}
                    data-testid="amend"
                  >
                    {t('records.amend')}
                  </Button>
                )}
              </Space>
            </div>
            {r.signOffStatus === 'SENT_BACK' ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 8 }}
                title={t('approvalChains:record.sentBack', { comment: r.signOffComment ?? '' })}
                data-testid="record-sent-back"
              />
            ) : null}
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'dur', label: t('records.duration'), children: <Duration sec={r.durationSec} /> },
                ...(r.satisfaction !== null
                  ? [{ key: 'sat', label: t('records.satisfaction'), children: `${r.satisfaction} / 5` }]
                  : []),
                ...(r.answers.length
                  ? [
                      {
                        key: 'answers',
                        label: t('records.answers'),
                        children: (
                          <Space orientation="vertical" size={0}>
                            {r.answers.map((a) => (
                              <span key={a.questionId}>
                                <Typography.Text type="secondary">{a.label}：</Typography.Text>
                                <AnswerText answer={a} />
                              </span>
                            ))}
                          </Space>
                        ),
                      },
                    ]
                  : []),
                ...(r.opinions ? [{ key: 'op', label: t('records.opinions'), children: r.opinions }] : []),
                ...(r.tickets.length
                  ? [
                      {
                        key: 'tickets',
                        label: t('records.tickets'),
                        children: (
                          <Space size={4} wrap data-testid="record-tickets">
                            {r.tickets.map((tk) => (
                              <Link key={tk.id} to={`/tickets/${tk.id}`} title={tk.title}>
                                <Tag color="orange" style={{ cursor: 'pointer' }}>
                                  {t('records.ticketLink', {
                                    number: tk.number,
                                    status: t(`tickets:status.${tk.status}`),
                                  })}
                                </Tag>
                              </Link>
                            ))}
                          </Space>
                        ),
                      },
                    ]
                  : []),
                ...(r.suggestions
                  ? [{ key: 'sg', label: t('records.suggestions'), children: r.suggestions }]
                  : []),
                ...(r.callBackAt
                  ? [{ key: 'cb', label: t('records.callBackAt'), children: formatDateTime(r.callBackAt) }]
                  : []),
                ...(r.recordingRef
                  ? [{ key: 'rec', label: t('records.recordingRef'), children: r.recordingRef }]
                  : []),
                ...(r.signature
                  ? [
                      {
                        key: 'sig',
                        label: t('records.signature'),
                        children: <Image src={r.signature} width={180} alt={t('records.signature')} />,
                      },
                    ]
                  : []),
              ]}
            />
            <VisitRecordings visitId={r.id} />
            <VisitExpenses record={r} />
            {r.amendments.length > 0 && (
              <div
                data-testid="amendments"
                style={{ marginTop: 8, paddingLeft: 12, borderLeft: '3px solid #d3adf7' }}
              >
                <Typography.Text strong>{t('records.amendments')}</Typography.Text>
                {r.amendments.map((a) => (
                  <div key={a.id} style={{ marginTop: 4 }}>
                    <Typography.Text type="secondary">
                      {t('records.amendedBy', { name: a.author.name, time: formatDateTime(a.createdAt) })} ·{' '}
                      {t('records.reason', { reason: a.reason })}
                    </Typography.Text>
                    {Object.entries(a.changes).map(([field, { before, after }]) => (
                      <div key={field} style={{ fontSize: 12 }}>
                        {t('records.change', {
                          field: t(`amend.field.${field}`),
                          before: show(before, t),
                          after: show(after, t),
                        })}
                      </div>
                    ))}
                  </div>
                ))}
              </div>
            )}
          </div>
        ))
      )}
      {amending && (
        <AmendModal record={amending} questionnaire={questionnaire} onClose={() => setAmending(null)} />
      )}
    </Card>
  );
}
