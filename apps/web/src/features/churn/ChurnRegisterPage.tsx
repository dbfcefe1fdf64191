// 流失登记: the suggestions waiting for a person (待确认), the confirmed register (已登记) and the
// dismissed ones, with filters, and the actions (docs/product.md#the-churn-register).
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TChurnCase, TChurnCaseStatus, TChurnCategory, TChurnStage } from '@huifang/contracts';
import { CHURN_CATEGORIES, CHURN_STAGES } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Empty, Flex, Select, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { useCan } from '../../lib/auth';
import { formatDay } from '../../lib/format';
import { PHONE_QUERY, useMediaQuery } from '../../lib/media';
import { departmentsQuery } from '../admin/api';
import { churnCasesQuery, churnReasonsQuery } from './api';
import { ChurnDialogs, type Dialog } from './dialogs';
import { EvidenceText, evidenceLink, useReasonLabel, useReasonOptions, Who } from './labels';

const TABS: TChurnCaseStatus[] = ['SUGGESTED', 'CONFIRMED', 'DISMISSED'];

export function ChurnRegisterPage() {
  const { t } = useTranslation('churn');
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as TChurnCaseStatus | null) ?? 'SUGGESTED';
  const stage = (params.get('stage') as TChurnStage | null) ?? undefined;
  const category = (params.get('category') as TChurnCategory | null) ?? undefined;
  const reasonId = params.get('reasonId') ?? undefined;
  const departmentId = params.get('departmentId') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const size = Math.min(200, Math.max(1, Number(params.get('size')) || 20));
  const query = { status, stage, category, reasonId, departmentId, from, to, page, size };
  const list = useQuery(churnCasesQuery(query));
  const reasons = useQuery(churnReasonsQuery);
  const departments = useQuery({ ...departmentsQuery, enabled: can('directory:read') });
  const reasonOptions = useReasonOptions(reasons.data?.items, reasonId);
  const reasonLabel = useReasonLabel();
  const [dialog, setDialog] = useState<Dialog>(null);
  const writer = can('churn:write');
  const phone = useMediaQuery(PHONE_QUERY);

  const patch = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '') p.delete(k);
      else p.set(k, v);
    }
    if (!('page' in next)) p.delete('page');
    setParams(p, { replace: true });
  };

  const columns: ColumnsType<TChurnCase> = useMemo(
    () => [
      {
        title: t('col.day'),
        dataIndex: 'day',
        className: 'hf-nowrap',
        render: (d: string, r) => (
          <Link to={`/churn/${r.id}`} data-testid="churn-case-link">
            {formatDay(d)}
          </Link>
        ),
      },
      { title: t('col.customer'), key: 'who', render: (_, r) => <Who c={r} /> },
      {
        title: t('col.stage'),
        dataIndex: 'stage',
        render: (s: TChurnStage | null) => (s ? t(`stage.${s}`) : '--'),
      },
      {
        title: t('col.reason'),
        key: 'reason',
        render: (_, r) =>
          r.reason ? (
            <span>
              {t(`category.${r.reason.category}`)} · {reasonLabel(r.reason)}
            </span>
          ) : r.categoryGuess ? (
            <Typography.Text type="secondary">
              {t('guess', { category: t(`category.${r.categoryGuess}`) })}
            </Typography.Text>
          ) : (
            '--'
          ),
      },
      { title: t('col.department'), key: 'department', render: (_, r) => r.department?.name ?? '--' },
      {
        title: t('col.evidence'),
        key: 'evidence',
        className: 'hf-wrap',
        render: (_, r) => {
          const to = evidenceLink(r);
          const text = <EvidenceText c={r} />;
          return to ? (
            <Link to={to} data-testid="churn-evidence">
              {text}
            </Link>
          ) : (
            text
          );
        },
      },
      ...(status === 'CONFIRMED'
        ? [
            {
              title: t('col.winBack'),
              key: 'winBack',
              render: (_: unknown, r: TChurnCase) =>
                r.winBackTask ? `${r.winBackTask.assignee.name} · ${formatDay(r.winBackTask.dueDate)}` : '--',
            },
          ]
        : []),
      ...(status === 'DISMISSED'
        ? [{ title: t('col.dismissReason'), dataIndex: 'dismissReason', className: 'hf-wrap' }]
        : []),
      ...(writer && status !== 'DISMISSED'
        ? [
            {
              title: t('col.actions'),
              key: 'actions',
              render: (_: unknown, r: TChurnCase) => (
                <Space size={4} wrap>
                  {r.status === 'SUGGESTED' ? (
                    <>
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => setDialog({ kind: 'confirm', c: r })}
                        data-testid="churn-confirm"
                      >
                        {t('action.confirm')}
                      </Button>
                      <Button
                        size="small"
                        onClick={() => setDialog({ kind: 'dismiss', c: r })}
                        data-testid="churn-dismiss"
                      >
                        {t('action.dismiss')}
                      </Button>
                    </>
                  ) : null}
                  {r.customer && !r.winBackTask ? (
                    <Button
                      size="small"
                      onClick={() => setDialog({ kind: 'win-back', c: r })}
                      data-testid="churn-winback"
                    >
                      {t('action.winBack')}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]
        : []),
    ],
    [t, status, writer, reasonLabel],
  );

  const actions = (
    <Space wrap>
      <Button icon={<ReloadOutlined />} onClick={() => list.refetch()}>
        {t('common:actions.refresh')}
      </Button>
      {writer ? (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setDialog({ kind: 'create' })}
          data-testid="churn-new"
        >
          {t('action.record')}
        </Button>
      ) : null}
    </Space>
  );
  return (
    <Card title={<PageTitle title={t('title')} subtitle={t('subtitle')} />} extra={phone ? null : actions}>
      {phone ? <div style={{ marginBottom: 8 }}>{actions}</div> : null}
      <Tabs
        activeKey={status}
        onChange={(k) => patch({ status: k })}
        items={TABS.map((s) => ({ key: s, label: t(`tab.${s}`) }))}
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('col.stage')}
          aria-label={t('col.stage')}
          value={stage}
          onChange={(v) => patch({ stage: v })}
          options={CHURN_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
        />
        <Select
          allowClear
          style={{ width: 130 }}
          placeholder={t('filter.category')}
          aria-label={t('filter.category')}
          value={category}
          onChange={(v) => patch({ category: v })}
          options={CHURN_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        />
        <Select
          allowClear
          style={{ width: 170 }}
          placeholder={t('col.reason')}
          aria-label={t('col.reason')}
          value={reasonId}
          onChange={(v) => patch({ reasonId: v })}
          options={reasonOptions}
        />
        {departments.data ? (
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('col.department')}
            aria-label={t('col.department')}
            value={departmentId}
            onChange={(v) => patch({ departmentId: v })}
            options={departments.data.items.map((d) => ({ value: d.id, label: d.name }))}
          />
        ) : null}
        <DatePicker.RangePicker
          style={{ maxWidth: 260 }}
          value={from && to ? [dayjs(from), dayjs(to)] : null}
          onChange={(v) =>
            patch({
              from: v?.[0]?.format('YYYY-MM-DD') ?? undefined,
              to: v?.[1]?.format('YYYY-MM-DD') ?? undefined,
            })
          }
          aria-label={t('filter.days')}
        />
      </Flex>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<TChurnCase>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t(`empty.${status}`)} /> }}
          pagination={{
            current: page,
            pageSize: size,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common:total', { count: n }),
            onChange: (p, s) => patch({ page: String(p), size: String(s) }),
          }}
        />
      )}
      <ChurnDialogs dialog={dialog} onClose={() => setDialog(null)} />
    </Card>
  );
}
