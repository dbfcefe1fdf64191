import { PlusOutlined } from '@ant-design/icons';
import type { TMeasureOutcome, TMeasureStatus, TMeasureSummary } from '@huifang/contracts';
import { MEASURE_STATUSES } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Flex, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Can, useCan } from '../../lib/auth';
import { departmentsQuery, measuresQuery, ownersQuery } from './api';
import { measureError } from './errors';
import { MeasureFormModal } from './MeasureForm';
import { MeasureStatusTag, OutcomeTag } from './StatusTag';

/** 改进措施: status chips, filters kept in the URL, overdue in red, and "new measure" for who drafts. */
export function MeasureListPage() {
  const { t } = useTranslation('measures');
  const can = useCan();
  const staff = can('measure:read:any');
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status');
  const status = (MEASURE_STATUSES as readonly string[]).includes(rawStatus ?? '')
    ? (rawStatus as TMeasureStatus)
    : undefined;
  const departmentId = params.get('departmentId') ?? undefined;
  const ownerId = params.get('ownerId') ?? undefined;
  const overdue = params.get('overdue') === 'true' ? ('true' as const) : undefined;
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
  const list = useQuery(measuresQuery({ status, departmentId, ownerId, overdue, page, size }));
  const owners = useQuery(ownersQuery(staff));
  const depts = useQuery(departmentsQuery(staff));
  const [creating, setCreating] = useState(false);

  const columns: ColumnsType<TMeasureSummary> = [
    { title: t('list.number'), dataIndex: 'number', width: 70, render: (n: number) => `#${n}` },
    {
      title: t('list.measureTitle'),
      dataIndex: 'title',
      render: (title: string, r) => (
        <Space size={4} wrap>
          <Link to={`/improvement-measures/${r.id}`} data-testid={`measure-link-${r.number}`}>
            {title}
          </Link>
          {r.overdue ? (
            <Tag color="red" data-testid="measure-overdue">
              {t('list.overdue')}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('list.status'),
      dataIndex: 'status',
      render: (s: TMeasureStatus) => <MeasureStatusTag status={s} />,
    },
    { title: t('list.department'), dataIndex: 'departmentName', responsive: ['md'] },
    { title: t('list.owner'), dataIndex: 'ownerName' },
    {
      title: t('list.deadline'),
      dataIndex: 'deadline',
      render: (d: string, r) =>
        r.overdue ? (
          <Typography.Text type="danger" strong>
            {d}
          </Typography.Text>
        ) : (
          d
        ),
    },
    {
      title: t('list.progress'),
      dataIndex: 'progress',
      responsive: ['md'],
      width: 140,
      render: (p: number | null) =>
        p === null ? '—' : <Progress percent={p} size="small" aria-label={t('list.progress')} />,
    },
    {
      title: t('list.outcome'),
      dataIndex: 'outcome',
      responsive: ['lg'],
      render: (o: TMeasureOutcome | null) => <OutcomeTag outcome={o} />,
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div>
            <Typography.Title level={1} style={{ margin: 0 }}>
              {t('list.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('list.subtitle')}</Typography.Text>
          </div>
          <Can permission="measure:write">
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="measure-create"
            >
              {t('list.create')}
            </Button>
          </Can>
        </Flex>
      </Card>
      <Card size="small">
        <Flex wrap gap={8} style={{ marginBottom: 12 }} data-testid="measure-status-chips">
          <Tag.CheckableTag checked={!status} onChange={() => patch({ status: undefined })}>
            {t('list.allStatuses')}
          </Tag.CheckableTag>
          {MEASURE_STATUSES.map((s) => (
            <Tag.CheckableTag
              key={s}
              checked={status === s}
              onChange={(on) => patch({ status: on ? s : undefined })}
              data-testid={`measure-chip-${s}`}
            >
              {t(`status.${s}`)}
            </Tag.CheckableTag>
          ))}
        </Flex>
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          {staff ? (
            <>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                style={{ minWidth: 160 }}
                placeholder={t('list.allDepartments')}
                aria-label={t('list.allDepartments')}
                value={departmentId}
                onChange={(v?: string) => patch({ departmentId: v })}
                options={(depts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
                data-testid="filter-department"
              />
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                style={{ minWidth: 160 }}
                placeholder={t('list.allOwners')}
                aria-label={t('list.allOwners')}
                value={ownerId}
                onChange={(v?: string) => patch({ ownerId: v })}
                options={(owners.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
                data-testid="filter-owner"
              />
            </>
          ) : null}
          <Checkbox
            checked={!!overdue}
            onChange={(e) => patch({ overdue: e.target.checked ? 'true' : undefined })}
            data-testid="filter-overdue"
          >
            {t('list.overdueOnly')}
          </Checkbox>
        </Flex>
        <Table<TMeasureSummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          scroll={{ x: 'max-content' }}
          rowClassName={(r) => (r.overdue ? 'measure-overdue-row' : '')}
          locale={{ emptyText: list.isError ? measureError(t, list.error) : t('common:empty') }}
          pagination={{
            current: page,
            pageSize: size,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common:total', { count: n }),
            onChange: (p, s) => patch({ page: String(p), size: String(s) }),
          }}
          data-testid="measure-table"
        />
      </Card>
      {creating ? <MeasureFormModal onClose={() => setCreating(false)} /> : null}
    </Space>
  );
}
