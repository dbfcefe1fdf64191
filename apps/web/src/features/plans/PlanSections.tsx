// The sections a plan is read by, shared by the lead's builder and the manager's approval page.
import { CheckCircleOutlined, CloseCircleOutlined, EditOutlined, SendOutlined } from '@ant-design/icons';
import type { TExclusionReason, TPlanDetail, TPlanFigures } from '@huifang/contracts';
import { CHANNELS, SEGMENTS, TIERS } from '@huifang/contracts/values';
import { Card, Col, Empty, Flex, Progress, Row, Statistic, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDay, formatNumber } from '../../lib/format';
import { useIsPhone } from '../../lib/media';
import { CallerLoadChart } from './CallerLoadChart';
import { reasonParts } from './PlanStatus';

export function FigureCards({ plan }: { plan: TPlanDetail }) {
  const { t } = useTranslation('plans');
  const f = plan.figures;
  const approved = plan.status === 'APPROVED' || plan.status === 'CLOSED';
  const cards = [
    { key: 'customers', title: t('figures.customers'), value: f.itemCount },
    { key: 'callers', title: t('figures.callers'), value: f.callerCount },
    {
      key: 'unassigned',
      title: t('figures.unassigned'),
      value: f.unassigned,
      danger: f.unassigned > 0,
    },
    { key: 'excluded', title: t('figures.excluded'), value: f.excluded.total },
    ...(approved ? [{ key: 'tasks', title: t('figures.tasksCreated'), value: plan.tasksCreated }] : []),
    ...(approved && f.skipped.total > 0
      ? [{ key: 'skipped', title: t('figures.skipped'), value: f.skipped.total, danger: true }]
      : []),
  ];
  return (
    <Flex gap={16} wrap>
      {cards.map((c) => (
        <Card key={c.key} size="small" style={{ flex: '1 1 140px' }}>
          <Statistic
            title={c.title}
            value={c.value}
            formatter={(v) => <span data-testid={`figure-${c.key}`}>{formatNumber(Number(v))}</span>}
            styles={{ content: c.danger ? { color: '#cf1322' } : undefined }}
          />
        </Card>
      ))}
    </Flex>
  );
}

export function CallerLoadCard({ figures }: { figures: TPlanFigures }) {
  const { t } = useTranslation('plans');
  const phone = useIsPhone();
  const data = figures.perCaller.map((c) => ({ id: c.callerId, name: c.name, count: c.count }));
  return (
    <Card
      size="small"
      title={t('load.title')}
      extra={
        <Typography.Text type="secondary">{t('figures.perDay', { cap: figures.dailyCap })}</Typography.Text>
      }
      data-testid="caller-load"
    >
      {figures.perCaller.length === 0 ? (
        <Empty description={t('load.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <>
          <CallerLoadChart data={data} label={t('load.count')} />
          <Table
            size="small"
            rowKey="callerId"
            pagination={false}
            dataSource={figures.perCaller}
            columns={[
              {
                title: t('col.caller'),
                dataIndex: 'name',
                render: (name: string, r) => (
                  <>
                    {name} {r.active ? null : <Tag>{t('load.inactive')}</Tag>}
                  </>
                ),
              },
              {
                title: t('col.count'),
                dataIndex: 'count',
                align: 'right',
                render: (n: number) => <span data-testid="caller-count">{formatNumber(n)}</span>,
              },
              {
                title: t('col.busiestDay'),
                dataIndex: 'busiestDay',
                // a date is never broken across lines (on a phone it was "2026-" over "12-05")
                render: (d: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{formatDay(d)}</span>,
              },
              {
                title: t('col.busiestLoad'),
                key: 'cap',
                width: phone ? 110 : 200,
                render: (_, r) => (
                  <Progress
                    size="small"
                    percent={Math.min(
                      100,
                      Math.round((r.busiestDayCount / Math.max(1, figures.dailyCap)) * 100),
                    )}
                    status={r.busiestDayCount > figures.dailyCap ? 'exception' : 'normal'}
                    format={() => `${r.busiestDayCount} / ${figures.dailyCap}`}
                    aria-label={t('col.busiestLoad')}
                  />
                ),
              },
            ]}
          />
          {figures.overCapDays > 0 ? (
            <Typography.Text type="danger">
              {t('load.overCap')}: {figures.overCapDays}
            </Typography.Text>
          ) : null}
        </>
      )}
    </Card>
  );
}

function Breakdown({
  title,
  counts,
  keys,
  labelNs,
  total,
}: {
  title: string;
  counts: Record<string, number>;
  keys: readonly string[];
  labelNs: string;
  total: number;
}) {
  const { t } = useTranslation();
  const rows = keys.map((k) => ({ key: k, n: counts[k] ?? 0 })).filter((r) => r.n > 0);
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Text strong>{title}</Typography.Text>
      {rows.length === 0 ? (
        <div>
          <Typography.Text type="secondary">{t('none')}</Typography.Text>
        </div>
      ) : (
        rows.map((r) => (
          <Row key={r.key} align="middle" gutter={8} data-testid={`breakdown-${r.key}`}>
            <Col flex="96px">{t(`${labelNs}.${r.key}`)}</Col>
            <Col flex="auto">
              <Progress
                percent={total ? Math.round((r.n / total) * 100) : 0}
                size="small"
                showInfo={false}
                aria-label={t(`${labelNs}.${r.key}`)}
              />
            </Col>
            <Col flex="56px" style={{ textAlign: 'right' }}>
              {formatNumber(r.n)}
            </Col>
          </Row>
        ))
      )}
    </div>
  );
}

const BREAKDOWNS = [
  { key: 'segment', figure: 'perSegment', keys: SEGMENTS },
  { key: 'tier', figure: 'perTier', keys: TIERS },
  { key: 'channel', figure: 'perChannel', keys: CHANNELS },
] as const;

export function SegmentCard({ figures }: { figures: TPlanFigures }) {
  const { t } = useTranslation('plans');
  return (
    <Card size="small" title={t('segments.title')} data-testid="segments">
      {BREAKDOWNS.map((b) => (
        <Breakdown
          key={b.key}
          title={t(`segments.${b.key}`)}
          counts={figures[b.figure]}
          keys={b.keys}
          labelNs={b.key}
          total={figures.itemCount}
        />
      ))}
    </Card>
  );
}

const REASON_COLOR: Record<TExclusionReason, string> = {
  REFUSED_VISITS: 'red',
  HAS_OPEN_TASK: 'orange',
  IN_OTHER_PLAN: 'blue',
  CONTACT_CAP: 'purple',
};

export function ExcludedCard({ figures }: { figures: TPlanFigures }) {
  const { t } = useTranslation('plans');
  const ex = figures.excluded;

  return (
    <Card size="small" title={t('excluded.title')} data-testid="excluded">
      {ex.total === 0 ? (
        <Empty description={t('excluded.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <>
          <Typography.Paragraph data-testid="excluded-summary">
            {t('excluded.summary', { total: ex.total, parts: reasonParts(t, ex.byReason) })}
            {figures.skipped.total > 0 ? (
              <> {t('excluded.skipped', { count: figures.skipped.total })}</>
            ) : null}
            {ex.total > ex.sample.length ? (
              <Typography.Text type="secondary"> · {t('excluded.sampleNote')}</Typography.Text>
            ) : null}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="customerId"
            dataSource={ex.sample}
            pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
            columns={[
              { title: t('col.customer'), dataIndex: 'name' },
              {
                title: t('col.segment'),
                dataIndex: 'segment',
                render: (s: string) => t(`common:segment.${s}`),
              },
              { title: t('col.tier'), dataIndex: 'tier', render: (s: string) => t(`common:tier.${s}`) },
              {
                title: t('col.reason'),
                key: 'reason',
                render: (_, e) => (
                  <>
                    <Tag color={REASON_COLOR[e.reason]} data-testid="excluded-reason">
                      {t(`excluded.reason.${e.reason}`)}
                    </Tag>
                    {e.atApproval ? (
                      <Tag data-testid="excluded-at-approval">{t('excluded.atApproval')}</Tag>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

const REVIEW_ICON = {
  SUBMIT: { color: 'blue', icon: <SendOutlined /> },
  APPROVE: { color: 'green', icon: <CheckCircleOutlined /> },
  REVIEW: { color: 'green', icon: <CheckCircleOutlined /> },
  REJECT: { color: 'red', icon: <CloseCircleOutlined /> },
  EDIT: { color: 'gray', icon: <EditOutlined /> },
} as const;

export function ReviewTimeline({ plan }: { plan: TPlanDetail }) {
  const { t } = useTranslation('plans');
  return (
    <Card size="small" title={t('timeline.title')} data-testid="timeline">
      {plan.reviews.length === 0 ? (
        <Empty description={t('timeline.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={plan.reviews.map((r) => ({
            key: r.id,
            color: REVIEW_ICON[r.action].color,
            icon: REVIEW_ICON[r.action].icon,
            title: formatDateTime(r.createdAt),
            content: (
              <div>
                <Typography.Text strong>
                  {t(`timeline.${r.action}`, { name: r.actorName ?? '--' })}
                </Typography.Text>
                {r.comment ? (
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                    {r.comment}
                  </Typography.Paragraph>
                ) : null}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

/** The figures, then per-caller load next to the customer mix. */
export function PlanOverview({ plan }: { plan: TPlanDetail }) {
  return (
    <>
      <FigureCards plan={plan} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <CallerLoadCard figures={plan.figures} />
        </Col>
        <Col xs={24} lg={10}>
          <SegmentCard figures={plan.figures} />
        </Col>
      </Row>
    </>
  );
}

/** The customers left out next to the approval timeline. */
export function PlanHistory({ plan }: { plan: TPlanDetail }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <ExcludedCard figures={plan.figures} />
      </Col>
      <Col xs={24} lg={10}>
        <ReviewTimeline plan={plan} />
      </Col>
    </Row>
  );
}
