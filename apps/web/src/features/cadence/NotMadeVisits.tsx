import type { TCadenceVisit, TPage } from '@huifang/contracts';
import { CADENCE_VISIT_REASONS } from '@huifang/contracts/values';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { Card, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { api } from '../../lib/api';
import { todayInOrg } from '../../lib/format';

type Status = 'SUPPRESSED' | 'POSTPONED' | 'WITHDRAWN';
interface Filter {
  status?: Status;
  reason?: string;
  open: boolean;
  page: number;
}

const visitsQuery = (f: Filter) =>
  queryOptions({
    queryKey: ['cadence-visits', f],
    queryFn: ({ signal }) =>
      api<TPage<TCadenceVisit>>('/cadence-visits', {
        query: { ...f, open: f.open ? 'true' : undefined, size: 20 },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

const STATUS_COLOR: Record<string, string> = {
  SUPPRESSED: 'error',
  POSTPONED: 'warning',
  WITHDRAWN: 'default',
};

/**
 * 未生成的回访 (docs/rules.md#r-cad-6-contact-policy): the rules' visits the daily run did not make
 * — suppressed, postponed — or took back, each with its reason, for the lead to act on.
 */
export function NotMadeVisits() {
  const { t } = useTranslation('cadence');
  const [f, setF] = useState<Filter>({ open: true, page: 1 });
  const q = useQuery(visitsQuery(f));
  const today = todayInOrg();
  return (
    <Card
      title={
        <Space orientation="vertical" size={0}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 16 }}>
            {t('notMade.title')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', whiteSpace: 'normal' }}>
            {t('notMade.subtitle')}
          </Typography.Text>
        </Space>
      }
      data-testid="not-made"
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<Status>
          allowClear
          placeholder={t('notMade.anyStatus')}
          style={{ minWidth: 140 }}
          value={f.status}
          onChange={(status) => setF({ ...f, status, page: 1 })}
          options={(['SUPPRESSED', 'POSTPONED', 'WITHDRAWN'] as const).map((s) => ({
            value: s,
            label: t(`notMade.status.${s}`),
          }))}
          aria-label={t('notMade.anyStatus')}
          data-testid="not-made-status"
        />
        <Select<string>
          allowClear
          placeholder={t('notMade.anyReason')}
          style={{ minWidth: 180 }}
          value={f.reason}
          onChange={(reason) => setF({ ...f, reason, page: 1 })}
          options={CADENCE_VISIT_REASONS.map((r) => ({ value: r, label: t(`notMade.reason.${r}`) }))}
          aria-label={t('notMade.anyReason')}
          data-testid="not-made-reason"
        />
        <Space size={6}>
          <Switch
            checked={f.open}
            onChange={(open) => setF({ ...f, open, page: 1 })}
            aria-label={t('notMade.openOnly')}
            data-testid="not-made-open"
          />
          {t('notMade.openOnly')}
        </Space>
      </Space>
      {q.isError ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<TCadenceVisit>
          rowKey="id"
          size="small"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('notMade.empty') }}
          pagination={{
            current: f.page,
            pageSize: 20,
            total: q.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (page) => setF({ ...f, page }),
          }}
          data-testid="not-made-table"
          columns={[
            {
              title: t('notMade.col.customer'),
              key: 'customer',
              render: (_: unknown, v) => <Link to={`/customers/${v.customer.id}`}>{v.customer.name}</Link>,
            },
            { title: t('notMade.col.rule'), key: 'rule', render: (_: unknown, v) => v.rule.name },
            {
              title: t('notMade.col.event'),
              key: 'event',
              render: (_: unknown, v) => `${t(`customers:eventKind.${v.eventKind}`)} ${v.eventDay}`,
            },
            {
              title: t('notMade.col.window'),
              key: 'window',
              render: (_: unknown, v) => (
                <Space size={4}>
                  {`${v.dueDay} ~ ${v.windowEnd}`}
                  {v.windowEnd < today ? <Tag>{t('notMade.closed')}</Tag> : null}
                </Space>
              ),
            },
            {
              title: t('notMade.col.outcome'),
              key: 'outcome',
              render: (_: unknown, v) => (
                <Space orientation="vertical" size={0}>
                  <Tag color={STATUS_COLOR[v.status]} data-testid="not-made-row-status">
                    {t(`notMade.status.${v.status}`)}
                  </Tag>
                  {v.reason ? (
                    <Typography.Text type="secondary" className="hf-wrap" data-testid="not-made-row-reason">
                      {t(`notMade.reason.${v.reason}`)}
                      {v.notBefore
                        ? t(v.status === 'POSTPONED' ? 'notMade.from' : 'notMade.freeOn', {
                            day: v.notBefore,
                          })
                        : ''}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
