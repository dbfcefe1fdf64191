import type { TInspectionDetail } from '@huifang/contracts';
import { isLowScore } from '@huifang/domain';
import { Button, Card, Descriptions, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCan } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { AppealTag, FindingTags, ResultTag } from './labels';

/** A submitted inspection: the scores per criterion with comments, the verdict, and the appeals. */
export function ResultPanel({ detail }: { detail: TInspectionDetail }) {
  const { t } = useTranslation('supervision');
  const can = useCan();
  const navigate = useNavigate();
  const byId = new Map(detail.scores.map((s) => [s.criterionId, s]));
  const none = t('common:none');
  const appealed = new Set(
    detail.appeals.filter((a) => a.status === 'PENDING').flatMap((a) => a.items.map((i) => i.criterionId)),
  );
  // items a manager overturned on appeal: the score they count with now
  const overturned = new Map(detail.appeals.flatMap((a) => a.decisions.map((d) => [d.criterionId, d])));
  const changedTotal = detail.effectiveTotal !== null && detail.effectiveTotal !== detail.total;
  const failedItem = (c: { id: string; critical: boolean; weight: number }) => {
    const s = byId.get(c.id);
    if (!c.critical || !s) return false;
    const d = overturned.get(c.id);
    if (d) return isLowScore(d.to, c.weight);
    return s.failed === true || isLowScore(s.score, c.weight);
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('result.title')}
        extra={
          detail.status === 'SUBMITTED' &&
          can('ticket:create') &&
          can(['inspection:perform', 'inspection:read:any']) ? (
            <Button
              size="small"
              onClick={() => navigate(`/tickets/new?inspectionId=${detail.id}`)}
              data-testid="result-create-ticket"
            >
              {t('result.createTicket')}
            </Button>
          ) : null
        }
        data-testid="result-panel"
      >
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('col.total')}>
            <Typography.Text strong data-testid="result-total">
              {detail.total ?? none}
            </Typography.Text>
            {changedTotal ? (
              <Typography.Text strong type="success" data-testid="result-effective-total">
                {' → '}
                {t('result.afterAppeal', { total: detail.effectiveTotal })}
              </Typography.Text>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('col.result')}>
            <ResultTag passed={detail.passed} effectivePassed={detail.effectivePassed} />
            {detail.criticalFailed ? <Tag color="red">{t('work.criticalFailed')}</Tag> : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('work.method')}>{t(`method.${detail.method}`)}</Descriptions.Item>
          <Descriptions.Item label={t('work.callbackOutcome')}>
            {detail.callbackOutcome ? t(`callback.${detail.callbackOutcome}`) : none}
          </Descriptions.Item>
          <Descriptions.Item label={t('col.inspector')}>{detail.inspector.name}</Descriptions.Item>
          <Descriptions.Item label={t('result.submittedAt')}>
            {formatDateTime(detail.submittedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('work.findings')} span={2}>
            <FindingTags values={detail.findings} />
          </Descriptions.Item>
          <Descriptions.Item label={t('work.comment')} span={2}>
            {detail.comment ?? none}
          </Descriptions.Item>
        </Descriptions>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          data-testid="result-scores"
          dataSource={detail.rubricSnapshot}
          onRow={(c) =>
            failedItem(c)
              ? ({
                  'data-failed': 'true',
                  style: { background: '#fff1f0' },
                } as React.HTMLAttributes<HTMLElement>)
              : {}
          }
          columns={[
            {
              title: t('rubric.criterion'),
              key: 'name',
              render: (_, c) => (
                <Space size={4} wrap>
                  <Typography.Text type={failedItem(c) ? 'danger' : undefined}>{c.name}</Typography.Text>
                  {c.critical ? (
                    <Tag color={failedItem(c) ? 'red' : 'volcano'}>
                      {failedItem(c) ? t('work.criticalFailedItem') : t('rubric.critical')}
                    </Tag>
                  ) : null}
                  {overturned.has(c.id) ? <Tag color="green">{t('appeal.itemOverturned')}</Tag> : null}
                  {appealed.has(c.id) ? <Tag color="gold">{t('appeal.inAppeal')}</Tag> : null}
                </Space>
              ),
            },
            {
              title: t('result.score'),
              key: 'score',
              align: 'right',
              render: (_, c) => {
                const s = byId.get(c.id);
                const d = overturned.get(c.id);
                if (!s) return none;
                return d && d.to !== d.from ? (
                  <span>
                    <Typography.Text delete type="secondary">
                      {s.score}
                    </Typography.Text>{' '}
                    {`${d.to} / ${c.weight}`}
                  </span>
                ) : (
                  `${s.score} / ${c.weight}`
                );
              },
            },
            {
              title: t('work.criticalItem'),
              key: 'failed',
              render: (_, c) =>
                c.critical ? (
                  failedItem(c) ? (
                    <Typography.Text type="danger">{t('work.criticalFail')}</Typography.Text>
                  ) : (
                    t('work.criticalPass')
                  )
                ) : (
                  none
                ),
            },
            {
              title: t('work.itemComment'),
              key: 'comment',
              render: (_, c) => byId.get(c.id)?.comment ?? none,
            },
          ]}
        />
      </Card>
      {detail.appeals.length ? (
        <Card size="small" title={t('appeal.history')} data-testid="appeal-history">
          <Timeline
            items={detail.appeals.flatMap((a) => [
              {
                key: `${a.id}-filed`,
                content: (
                  <Space orientation="vertical" size={0}>
                    <span>
                      {t('appeal.filedBy', { name: a.caller.name, at: formatDateTime(a.createdAt) })}{' '}
                      <AppealTag value={a.status} />
                    </span>
                    <Typography.Text type="secondary">{a.reason}</Typography.Text>
                    {a.items.length ? (
                      <Typography.Text type="secondary">
                        {a.items
                          .map((i) => {
                            const c = detail.rubricSnapshot.find((x) => x.id === i.criterionId);
                            const name = c?.name ?? i.criterionId;
                            return i.proposedScore === null || i.proposedScore === undefined
                              ? name
                              : t('appeal.proposed', { name, score: i.proposedScore });
                          })
                          .join(t('appeal.itemsSeparator'))}
                      </Typography.Text>
                    ) : null}
                  </Space>
                ),
              },
              ...(a.decidedAt
                ? [
                    {
                      key: `${a.id}-decided`,
                      color: a.status === 'OVERTURNED' ? 'green' : 'gray',
                      content: (
                        <Space orientation="vertical" size={0}>
                          <span>
                            {t('appeal.decidedBy', {
                              name: a.decidedBy?.name ?? none,
                              at: formatDateTime(a.decidedAt),
                              decision: t(`appealStatus.${a.status}`),
                            })}
                          </span>
                          <Typography.Text type="secondary">{a.decisionReason}</Typography.Text>
                          {a.decisions.length ? (
                            <Typography.Text type="secondary" data-testid="appeal-item-decisions">
                              {a.decisions
                                .map((d) =>
                                  t('appeal.itemDecision', {
                                    name:
                                      detail.rubricSnapshot.find((x) => x.id === d.criterionId)?.name ??
                                      d.criterionId,
                                    from: d.from,
                                    to: d.to,
                                  }),
                                )
                                .join(t('appeal.itemsSeparator'))}
                            </Typography.Text>
                          ) : null}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ])}
          />
        </Card>
      ) : null}
    </Space>
  );
}
