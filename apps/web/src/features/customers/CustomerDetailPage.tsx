import { ArrowLeftOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import type {
  TChannel,
  TConsent,
  TCustomerContact,
  TCustomerTask,
  TCustomerVisit,
  TTaskStatus,
  TVisitOutcome,
} from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { ApiError } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { formatDateTime, formatDay } from '../../lib/format';
import { CustomerChurnPanel } from '../churn/CustomerChurnPanel';
import { RevealRefusal } from '../confidentiality/RevealRefusal';
import { AgreementPrompt } from '../confidentiality/SignAgreement';
import { CustomerAbusePanel } from '../discipline/CustomerAbusePanel';
import { customerQuery, useRevealContact } from './api';
import { CustomerEventsCard } from './CustomerEventsCard';
import { CustomerFormDrawer } from './CustomerFormDrawer';
import { ConsentTag, SegmentTag, TierTag } from './labels';

const OUTCOME_COLOR: Record<TVisitOutcome, string> = {
  COMPLETED: 'green',
  NO_ANSWER: 'default',
  CALL_BACK_LATER: 'blue',
  DECLINED: 'red',
  WRONG_NUMBER: 'volcano',
};
const STATUS_COLOR: Record<TTaskStatus, string> = {
  PENDING: 'default',
  IN_PROGRESS: 'processing',
  DONE: 'success',
  UNREACHABLE: 'warning',
  CANCELLED: 'default',
};

export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('customers');
  const can = useCan();
  const navigate = useNavigate();
  const detail = useQuery(customerQuery(id));
  const reveal = useRevealContact(id);
  const [contact, setContact] = useState<TCustomerContact | null>(null);
  const [editing, setEditing] = useState(false);

  const back = (
    <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/customers')}>
      {t('common:actions.back')}
    </Button>
  );

  if (detail.isPending)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (detail.isError) {
    const e = detail.error;
    if (e instanceof ApiError && (e.status === 404 || e.status === 400))
      return <Result status="404" title="404" subTitle={t('detail.notFound')} extra={back} />;
    if (e instanceof ApiError && e.status === 403)
      return <Result status="403" title="403" subTitle={t('detail.forbidden')} extra={back} />;
    return <LoadError error={e} onRetry={() => void detail.refetch()} />;
  }

  const c = detail.data;
  const phone = contact?.phone ?? c.phone;
  const email = contact?.email ?? c.email;
  const canReveal = c.contactMasked && !contact && can('customer:contact:reveal');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            {back}
            <Typography.Title level={1} style={{ margin: 0 }} data-testid="customer-name">
              {c.name}
            </Typography.Title>
            <SegmentTag value={c.segment} />
            <TierTag value={c.tier} />
            <ConsentTag refuses={c.refusesVisits} />
          </Space>
        }
        extra={
          can('customer:write') ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="customer-edit">
              {t('common:actions.edit')}
            </Button>
          ) : null
        }
      >
        <Row gutter={[24, 16]}>
          <Col xs={24} lg={14}>
            <Descriptions
              title={t('detail.info')}
              column={{ xs: 1, sm: 2 }}
              size="small"
              data-testid="customer-info"
            >
              <Descriptions.Item label={t('field.phone')}>
                <Space>
                  <span data-testid="customer-phone" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {phone}
                  </span>
                  {canReveal ? (
                    <Tooltip title={t('detail.revealHint')}>
                      <Button
                        size="small"
                        type="link"
                        icon={<EyeOutlined />}
                        loading={reveal.isPending}
                        onClick={() => reveal.mutate(undefined, { onSuccess: setContact })}
                        data-testid="reveal-contact"
                      >
                        {t('detail.reveal')}
                      </Button>
                    </Tooltip>
                  ) : null}
                  {contact ? (
                    <Typography.Text type="secondary">{t('detail.revealed')}</Typography.Text>
                  ) : null}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('field.email')}>{email ?? '--'}</Descriptions.Item>
              <Descriptions.Item label={t('field.programme')}>{c.programme ?? '--'}</Descriptions.Item>
              <Descriptions.Item label={t('field.enrolledAt')}>{formatDay(c.enrolledAt)}</Descriptions.Item>
              <Descriptions.Item label={t('field.completedAt')}>{formatDay(c.completedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('field.lastVisitAt')}>
                {c.lastVisitAt ? formatDateTime(c.lastVisitAt) : t('never')}
              </Descriptions.Item>
              <Descriptions.Item label={t('field.createdAt')}>
                {formatDateTime(c.createdAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('field.notes')} span={2}>
                {c.notes ?? '--'}
              </Descriptions.Item>
            </Descriptions>
            {reveal.isError ? (
              <div style={{ marginTop: 8 }}>
                <RevealRefusal
                  error={reveal.error}
                  customerId={c.id}
                  retry={(reason) => reveal.mutate(reason, { onSuccess: setContact })}
                />
              </div>
            ) : c.contactMasked ? (
              <div style={{ marginTop: 8 }}>
                <AgreementPrompt />
              </div>
            ) : null}
          </Col>
          <Col xs={24} lg={10}>
            <ConsentBlock consent={c.consent} language={c.language} />
          </Col>
        </Row>
      </Card>

      <CustomerAbusePanel customerId={c.id} />
      <CustomerEventsCard customerId={c.id} />
      <CustomerChurnPanel customerId={c.id} />

      <HistoryCard<TCustomerVisit>
        title={t('detail.visits', { count: c.visits.length })}
        rows={c.visits}
        testId="visit-history"
        columns={[
          {
            title: t('visit.startedAt'),
            dataIndex: 'startedAt',
            width: 150,
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t('visit.channel'),
            dataIndex: 'channel',
            width: 90,
            render: (v: TChannel) => t(`common:channel.${v}`),
          },
          {
            title: t('visit.outcome'),
            dataIndex: 'outcome',
            width: 110,
            render: (v: TVisitOutcome) => <Tag color={OUTCOME_COLOR[v]}>{t(`common:outcome.${v}`)}</Tag>,
          },
          {
            title: t('visit.satisfaction'),
            dataIndex: 'satisfaction',
            width: 80,
            align: 'right',
            render: (v: number | null) => (v === null ? '--' : `${v} / 5`),
          },
          {
            title: t('visit.caller'),
            dataIndex: 'callerName',
            width: 100,
            render: (v: string | null) => v ?? '--',
          },
          {
            title: t('visit.opinions'),
            dataIndex: 'opinions',
            className: 'hf-wrap',
            render: (v: string | null) => v ?? '--',
          },
          {
            title: t('visit.suggestions'),
            dataIndex: 'suggestions',
            className: 'hf-wrap',
            render: (v: string | null) => v ?? '--',
          },
          {
            title: t('visit.amendments'),
            dataIndex: 'amendmentCount',
            width: 90,
            align: 'right',
            render: (v: number) => (v > 0 ? <Tag color="orange">{v}</Tag> : '0'),
          },
        ]}
      />

      <HistoryCard<TCustomerTask>
        title={t('detail.tasks', { count: c.tasks.length })}
        rows={c.tasks}
        testId="customer-tasks"
        columns={[
          {
            title: t('task.dueDate'),
            dataIndex: 'dueDate',
            width: 120,
            render: (v: string) => formatDay(v),
          },
          { title: t('task.purpose'), dataIndex: 'purpose' },
          {
            title: t('task.status'),
            dataIndex: 'status',
            width: 110,
            render: (v: TTaskStatus) => <Tag color={STATUS_COLOR[v]}>{t(`common:taskStatus.${v}`)}</Tag>,
          },
          {
            title: t('task.channel'),
            dataIndex: 'channel',
            width: 100,
            render: (v: TChannel) => t(`common:channel.${v}`),
          },
          {
            title: t('task.assignee'),
            dataIndex: 'assigneeName',
            width: 120,
            render: (v: string | null) => v ?? '--',
          },
        ]}
      />

      {can('customer:write') ? (
        <CustomerFormDrawer open={editing} customer={c} onClose={() => setEditing(false)} />
      ) : null}
    </Space>
  );
}

/** A short history of the customer, ten rows a page when there are more. */
function HistoryCard<T extends { id: string }>({
  title,
  rows,
  testId,
  columns,
}: {
  title: string;
  rows: T[];
  testId: string;
  columns: TableColumnsType<T>;
}) {
  const { t } = useTranslation();
  return (
    <Card title={title} size="small">
      <Table<T>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        locale={{ emptyText: t('empty') }}
        data-testid={testId}
        columns={columns}
      />
    </Card>
  );
}

function ConsentBlock({ consent, language }: { consent: TConsent; language: 'zh-CN' | 'en' }) {
  const { t } = useTranslation('customers');
  return (
    <Card
      size="small"
      title={t('detail.consent')}
      data-testid="consent-block"
      style={consent.refusesVisits ? { borderColor: '#ffa39e', background: '#fff1f0' } : undefined}
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('field.refusesVisits')}>
          <Space>
            <ConsentTag refuses={consent.refusesVisits} />
            {consent.refusesVisits && consent.refusedAt ? (
              <Typography.Text type="secondary">{formatDateTime(consent.refusedAt)}</Typography.Text>
            ) : null}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('field.preferredChannel')}>
          {consent.preferredChannel
            ? t(`common:channel.${consent.preferredChannel}`)
            : t('detail.noPreference')}
        </Descriptions.Item>
        <Descriptions.Item label={t('field.preferredTime')}>
          {consent.preferredTimeFrom && consent.preferredTimeTo
            ? `${consent.preferredTimeFrom} ～ ${consent.preferredTimeTo}`
            : t('detail.anyTime')}
        </Descriptions.Item>
        <Descriptions.Item label={t('field.consentNote')}>{consent.consentNote ?? '--'}</Descriptions.Item>
        <Descriptions.Item label={t('field.language')}>
          {language === 'en' ? 'English' : '简体中文'}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
