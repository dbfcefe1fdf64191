// The plan lists' shared parts: filters kept in the URL, the columns and the paginated table.
import type { TPage, TPlanStatus, TPlanSummary } from '@huifang/contracts';
import { PLAN_STATUSES } from '@huifang/contracts/values';
import type { UseQueryResult } from '@tanstack/react-query';
import { DatePicker, Select, Space, Table, type TablePaginationConfig } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime, formatNumber } from '../../lib/format';
import { planError } from './errors';
import { PlanStatusTag } from './PlanStatus';

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Filters kept in the URL, so a reload or a shared link shows the same list. */
export function usePlanListParams(defaults: { status?: TPlanStatus } = {}) {
  const [params, setParams] = useSearchParams();
  const month = MONTH_RE.test(params.get('month') ?? '') ? (params.get('month') as string) : undefined;
  const raw = params.get('status');
  const status =
    raw && (PLAN_STATUSES as readonly string[]).includes(raw) ? (raw as TPlanStatus) : defaults.status;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const size = Math.min(200, Math.max(1, Number(params.get('size')) || 20));
  const patch = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '') p.delete(k);
      else p.set(k, v);
    }
    if (!('page' in next)) p.delete('page');
    setParams(p, { replace: true });
  };
  return { month, status, page, size, patch, params };
}

export function PlanFilters({
  month,
  status,
  onChange,
  showStatus = true,
}: {
  month?: string;
  status?: TPlanStatus;
  onChange: (next: Record<string, string | undefined>) => void;
  showStatus?: boolean;
}) {
  const { t } = useTranslation('plans');
  return (
    <Space wrap>
      <DatePicker
        picker="month"
        allowClear
        placeholder={t('list.allMonths')}
        value={month ? dayjs(`${month}-01`) : null}
        onChange={(v: Dayjs | null) => onChange({ month: v ? v.format('YYYY-MM') : undefined })}
        data-testid="filter-month"
      />
      {showStatus ? (
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('list.allStatuses')}
          aria-label={t('list.allStatuses')}
          value={status}
          onChange={(v?: string) => onChange({ status: v })}
          options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`common:planStatus.${s}`) }))}
          data-testid="filter-status"
        />
      ) : null}
    </Space>
  );
}

export function planColumns(
  t: (k: string) => string,
  linkTo: (p: TPlanSummary) => string,
): ColumnsType<TPlanSummary> {
  return [
    {
      title: t('col.title'),
      dataIndex: 'title',
      className: 'hf-wrap',
      render: (title: string, r) => (
        <Link to={linkTo(r)} data-testid="plan-link">
          {title}
        </Link>
      ),
    },
    { title: t('col.month'), dataIndex: 'month', width: 90 },
    { title: t('col.team'), dataIndex: 'teamName', width: 110 },
    {
      title: t('col.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: TPlanStatus) => <PlanStatusTag status={s} />,
    },
    {
      title: t('col.customers'),
      dataIndex: 'itemCount',
      width: 90,
      align: 'right',
      render: (n: number) => formatNumber(n),
    },
    {
      title: t('col.excluded'),
      dataIndex: 'excludedCount',
      width: 80,
      align: 'right',
      render: (n: number) => formatNumber(n),
    },
    {
      title: t('col.creator'),
      dataIndex: 'creatorName',
      width: 100,
      render: (n: string | null) => n ?? '--',
    },
    {
      title: t('col.submittedAt'),
      dataIndex: 'submittedAt',
      width: 150,
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('col.updatedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
  ];
}

/** A page of plans from the server, paginated through the URL. */
export function PlanTable({
  plans,
  linkTo,
  page,
  size,
  patch,
  emptyText,
  testId,
}: {
  plans: UseQueryResult<TPage<TPlanSummary>>;
  linkTo: (p: TPlanSummary) => string;
  page: number;
  size: number;
  patch: (next: Record<string, string | undefined>) => void;
  emptyText?: string;
  testId?: string;
}) {
  const { t } = useTranslation('plans');
  return (
    <Table
      size="small"
      rowKey="id"
      data-testid={testId}
      columns={planColumns(t, linkTo)}
      dataSource={plans.data?.items}
      loading={plans.isFetching}
      locale={
        plans.isError ? { emptyText: planError(t, plans.error) } : emptyText ? { emptyText } : undefined
      }
      pagination={serverPagination(t, page, size, plans.data?.total, (p, s) =>
        patch({ page: String(p), size: String(s) }),
      )}
    />
  );
}

/** A table's pagination over a server-side page; a new page size starts again on page 1. */
export function serverPagination(
  t: (k: string, o?: Record<string, unknown>) => string,
  page: number,
  size: number,
  total: number | undefined,
  onChange: (page: number, size: number) => void,
): TablePaginationConfig {
  return {
    current: page,
    pageSize: size,
    total: total ?? 0,
    showSizeChanger: true,
    showTotal: (n) => t('common:total', { count: n }),
    onChange: (p, s) => onChange(s === size ? p : 1, s),
  };
}
