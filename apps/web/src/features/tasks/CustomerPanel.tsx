import { PhoneOutlined, StopOutlined } from '@ant-design/icons';
import type { TTaskDetail } from '@huifang/contracts';
import { Alert, Card, Descriptions, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDay } from '../../lib/format';
import { AgreementPrompt } from '../confidentiality/SignAgreement';
import { CustomerAbusePanel } from '../discipline/CustomerAbusePanel';
import { OutcomeTag, outcomeColor } from './inputs';

/** The API sends a customer's latest visits only. */
const HISTORY_LIMIT = 50;

/** Left column of the visit page: who the customer is, what they agreed to, and past visits. */
export function CustomerPanel({ task }: { task: TTaskDetail }) {
  const { t } = useTranslation('tasks');
  const c = task.customer;
  const consent = task.consent;
  const none = t('common:none');
  const preferredTime =
    consent.preferredTimeFrom && consent.preferredTimeTo
      ? `${consent.preferredTimeFrom} ～ ${consent.preferredTimeTo}`
      : (consent.preferredTimeFrom ?? t('customer.noPreference'));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('customer.title')} size="small" data-testid="customer-card">
        {consent.refusesVisits && (
          <Alert
            type="error"
            showIcon
            icon={<StopOutlined />}
            title={t('customer.refuses')}
            description={[consent.refusedAt ? formatDateTime(consent.refusedAt) : null, consent.consentNote]
              .filter(Boolean)
              .join(' · ')}
            style={{ marginBottom: 12 }}
          />
        )}
        {c.contactMasked && (
          <div style={{ marginBottom: 12 }}>
            <AgreementPrompt />
          </div>
        )}
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="customer-name">
          {c.name}
        </Typography.Title>
        <div style={{ marginBottom: 12 }}>
          <CustomerAbusePanel customerId={c.id} taskId={task.id} />
        </div>
        <Descriptions
          column={1}
          size="small"
          items={[
            {
              key: 'phone',
              label: t('customer.phone'),
              children: c.contactMasked ? (
                <Space>
                  <span data-testid="customer-phone">{c.phone}</span>
                  <Typography.Text type="secondary">{t('customer.masked')}</Typography.Text>
                </Space>
              ) : (
                <a href={`tel:${c.phone}`} title={t('customer.call')} data-testid="customer-phone">
                  <PhoneOutlined /> {c.phone}
                </a>
              ),
            },
            ...(c.email
              ? [
                  {
                    key: 'email',
                    label: t('customer.email'),
                    children: c.contactMasked ? c.email : <a href={`mailto:${c.email}`}>{c.email}</a>,
                  },
                ]
              : []),
            {
              key: 'segment',
              label: `${t('customer.segment')} / ${t('customer.tier')}`,
              children: (
                <Space size={4}>
                  <Tag color="blue">{t(`common:segment.${c.segment}`)}</Tag>
                  <Tag color={c.tier === 'HIGH' ? 'gold' : undefined}>{t(`common:tier.${c.tier}`)}</Tag>
                </Space>
              ),
            },
            { key: 'programme', label: t('customer.programme'), children: c.programme ?? none },
            ...(c.enrolledAt
              ? [{ key: 'enrolled', label: t('customer.enrolledAt'), children: formatDay(c.enrolledAt) }]
              : []),
            ...(c.completedAt
              ? [{ key: 'completed', label: t('customer.completedAt'), children: formatDay(c.completedAt) }]
              : []),
            { key: 'lastVisit', label: t('customer.lastVisitAt'), children: formatDateTime(c.lastVisitAt) },
            {
              key: 'consent',
              label: t('customer.consent'),
              children: consent.refusesVisits ? (
                <Tag color="red">{t('customer.refuses')}</Tag>
              ) : (
                <Tag color="green">{t('customer.consentOk')}</Tag>
              ),
            },
            {
              key: 'channel',
              label: t('customer.preferredChannel'),
              children: consent.preferredChannel
                ? t(`common:channel.${consent.preferredChannel}`)
                : t('customer.noPreference'),
            },
            { key: 'time', label: t('customer.preferredTime'), children: preferredTime },
          ]}
        />
      </Card>

      <Card title={t('task.info')} size="small">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'purpose', label: t('task.purpose'), children: task.purpose },
            {
              key: 'window',
              label: t('task.window'),
              children: `${formatDay(task.windowFrom)} ～ ${formatDay(task.windowTo)}`,
            },
            { key: 'due', label: t('task.due'), children: formatDay(task.dueDate) },
            { key: 'channel', label: t('task.channel'), children: t(`common:channel.${task.channel}`) },
            {
              key: 'attempts',
              label: t('task.attempts'),
              children: (
                <span data-testid="task-attempts">{t('task.attemptsValue', { count: task.attempts })}</span>
              ),
            },
            { key: 'last', label: t('task.lastAttemptAt'), children: formatDateTime(task.lastAttemptAt) },
            ...(task.callBackAt
              ? [{ key: 'cb', label: t('task.callBackAt'), children: formatDateTime(task.callBackAt) }]
              : []),
            { key: 'assignee', label: t('task.assignee'), children: task.assignee.name },
            {
              key: 'questionnaire',
              label: t('task.questionnaire'),
              children: task.questionnaire?.name ?? t('task.noQuestionnaire'),
            },
            {
              key: 'assignments',
              label: t('task.assignments'),
              children: (
                <Space orientation="vertical" size={0}>
                  {task.assignments.map((a) => (
                    <Typography.Text key={a.id} type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(a.createdAt)}{' '}
                      {a.fromUser
                        ? t('task.reassignedBy', {
                            by: a.byUser.name,
                            from: a.fromUser.name,
                            to: a.toUser.name,
                          })
                        : t('task.assignedBy', { by: a.byUser.name, to: a.toUser.name })}
                      {a.reason ? ` · ${a.reason}` : ''}
                    </Typography.Text>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card title={t('history.title')} size="small" data-testid="customer-history">
        {task.history.length >= HISTORY_LIMIT && (
          <Typography.Paragraph type="secondary">
            {t('history.more', { count: HISTORY_LIMIT })}
          </Typography.Paragraph>
        )}
        {task.history.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} />
        ) : (
          <Timeline
            items={task.history.map((h) => ({
              key: h.id,
              color:
                outcomeColor(h.outcome) === 'green' ? 'green' : h.outcome === 'DECLINED' ? 'red' : 'blue',
              title: formatDateTime(h.startedAt),
              content: (
                <Space orientation="vertical" size={2}>
                  <Space size={4} wrap>
                    <OutcomeTag outcome={h.outcome} />
                    {h.satisfaction !== null && (
                      <Typography.Text>
                        {t('history.satisfaction', { value: h.satisfaction })}
                      </Typography.Text>
                    )}
                    <Typography.Text type="secondary">
                      {h.caller.name} · {h.purpose}
                    </Typography.Text>
                    {h.amendmentCount > 0 && <Tag>{t('history.amended', { count: h.amendmentCount })}</Tag>}
                  </Space>
                  {h.opinions && <Typography.Text type="secondary">{h.opinions}</Typography.Text>}
                </Space>
              ),
            }))}
          />
        )}
      </Card>
    </Space>
  );
}
