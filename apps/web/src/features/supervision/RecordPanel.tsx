import type { TInspectionDetail } from '@huifang/contracts';
import { Card, Descriptions, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { VisitRecordings } from '../recordings/VisitRecordings';

/** The left side of the workspace: the record as submitted (with amendments), and the customer's history. */
export function RecordPanel({ detail }: { detail: TInspectionDetail }) {
  const { t } = useTranslation('supervision');
  const v = detail.visit;
  const none = t('common:none');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {v.uploadedRecordings > 0 ? (
        <Card size="small" data-testid="inspection-recordings">
          <VisitRecordings visitId={v.id} />
        </Card>
      ) : null}
      <Card size="small" title={t('record.title')} data-testid="record-panel">
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('col.customer')}>{detail.customer.name}</Descriptions.Item>
          <Descriptions.Item label={t('col.caller')}>{detail.caller.name}</Descriptions.Item>
          <Descriptions.Item label={t('record.purpose')}>{v.purpose}</Descriptions.Item>
          <Descriptions.Item label={t('record.dueDate')}>{v.dueDate}</Descriptions.Item>
          <Descriptions.Item label={t('col.visitAt')}>
            {formatDateTime(v.startedAt)}{' '}
            {v.late ? (
              <Tag color="orange" data-testid="visit-late">
                {t('record.late')}
              </Tag>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('record.duration')}>
            {v.durationSec === null ? none : t('record.minutes', { count: Math.round(v.durationSec / 60) })}
          </Descriptions.Item>
          <Descriptions.Item label={t('col.channel')}>{t(`common:channel.${v.channel}`)}</Descriptions.Item>
          <Descriptions.Item label={t('record.outcome')}>
            {t(`common:outcome.${v.outcome}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('record.satisfaction')}>{v.satisfaction ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('record.recording')}>
            {v.recordingRef ? (
              <Typography.Text copyable code data-testid="recording-ref">
                {v.recordingRef}
              </Typography.Text>
            ) : v.uploadedRecordings > 0 ? (
              t('record.uploadedRecordings', { count: v.uploadedRecordings })
            ) : (
              t('record.noRecording')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('record.opinions')}>{v.opinions ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('record.suggestions')}>{v.suggestions ?? none}</Descriptions.Item>
          {v.amendmentCount > 0 ? (
            <Descriptions.Item label={t('record.amendments')}>{v.amendmentCount}</Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={
          v.questionnaire?.name
            ? t('record.questionnaire', { name: v.questionnaire.name })
            : t('record.answers')
        }
        extra={
          v.questionnaire ? (
            <Typography.Text type="secondary">
              {t('record.answeredCount', {
                answered: v.questionnaire.items.filter((i) => i.answered).length,
                count: v.questionnaire.items.length,
              })}
            </Typography.Text>
          ) : null
        }
        data-testid="record-questionnaire"
      >
        {v.questionnaire?.items.length ? (
          <List
            size="small"
            dataSource={v.questionnaire.items}
            renderItem={(a, n) => (
              <List.Item data-testid={`question-${a.questionId}`}>
                <Space orientation="vertical" size={0}>
                  <Typography.Text type="secondary">
                    {n + 1}. {a.label}
                  </Typography.Text>
                  {!a.answered ? (
                    <Typography.Text type="warning">{t('record.unanswered')}</Typography.Text>
                  ) : (
                    <span>
                      {typeof a.value === 'boolean'
                        ? t(a.value ? 'common:yes' : 'common:no')
                        : String(a.value)}
                    </span>
                  )}
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>
      <Card size="small" title={t('record.history')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={detail.history}
          columns={[
            { title: t('col.visitAt'), key: 'at', render: (_, h) => formatDateTime(h.startedAt) },
            { title: t('col.caller'), key: 'caller', render: (_, h) => h.caller.name },
            {
              title: t('record.outcome'),
              key: 'outcome',
              render: (_, h) => t(`common:outcome.${h.outcome}`),
            },
            {
              title: t('record.satisfaction'),
              key: 'sat',
              align: 'right',
              render: (_, h) => h.satisfaction ?? none,
            },
            { title: t('record.opinions'), key: 'op', render: (_, h) => h.opinions ?? none },
          ]}
        />
      </Card>
    </Space>
  );
}
