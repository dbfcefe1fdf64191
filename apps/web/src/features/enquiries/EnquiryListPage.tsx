import { PlusOutlined } from '@ant-design/icons';
import type { TEnquiry, TEnquiryChannel, TEnquiryStatus } from '@huifang/contracts';
import { ENQUIRY_CHANNELS, ENQUIRY_STATUSES } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, DatePicker, Empty, Flex, Input, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { useCan } from '../../lib/auth';
import { formatDay, pageTotal } from '../../lib/format';
import { enquiriesQuery } from './api';
import { EnquiryFormDrawer } from './EnquiryForm';
import { EnquiryTabs } from './EnquiryTabs';
import { EnquiryStatusTag } from './labels';

/** 咨询登记: the enquiries the user may see, filtered, with the "new enquiry" drawer. */
export function EnquiryListPage() {
  const { t } = useTranslation('enquiries');
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const status = (params.get('status') as TEnquiryStatus | null) ?? undefined;
  const channel = (params.get('channel') as TEnquiryChannel | null) ?? undefined;
  const month = params.get('month') ?? undefined;
  const mine = params.get('handledBy') === 'me' ? 'me' : undefined;
  const q = params.get('q') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const size = Math.min(200, Math.max(1, Number(params.get('size')) || 20));
  const list = useQuery(enquiriesQuery({ status, channel, month, handledBy: mine, q, page, size }));

  const patch = (next: Record<string, string | undefined>, keepPage = false) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '') p.delete(k);
      else p.set(k, v);
    }
    if (!keepPage) p.delete('page');
    setParams(p, { replace: true });
  };

  const columns: ColumnsType<TEnquiry> = useMemo(
    () => [
      {
        title: t('col.number'),
        dataIndex: 'number',
        align: 'right',
        render: (n: number, r) => (
          <Link to={`/enquiries/${r.id}`} data-testid="enquiry-number">
            #{n}
          </Link>
        ),
      },
      {
        title: t('col.name'),
        dataIndex: 'name',
        render: (name: string, r) => (
          <Link to={`/enquiries/${r.id}`} data-testid="enquiry-name-link">
            {name}
          </Link>
        ),
      },
      { title: t('col.phone'), dataIndex: 'phone', className: 'hf-nowrap' },
      { title: t('col.channel'), dataIndex: 'channel', render: (c: TEnquiryChannel) => t(`channel.${c}`) },
      { title: t('col.course'), dataIndex: 'course', render: (c: string | null) => c ?? '--' },
      { title: t('col.day'), dataIndex: 'day', className: 'hf-nowrap', render: (d: string) => formatDay(d) },
      {
        title: t('col.status'),
        dataIndex: 'status',
        render: (s: TEnquiryStatus) => <EnquiryStatusTag status={s} />,
      },
      {
        title: t('col.nextFollowUp'),
        dataIndex: 'nextFollowUpDay',
        className: 'hf-nowrap',
        render: (d: string | null, r) => (r.status === 'OPEN' && d ? formatDay(d) : '--'),
      },
      { title: t('col.handledBy'), key: 'handledBy', render: (_, r) => r.handledBy?.name ?? '--' },
    ],
    [t],
  );

  return (
    <Card
      title={<PageTitle title={t('list.title')} subtitle={t('list.subtitle')} />}
      extra={
        can('enquiry:write') ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="new-enquiry"
          >
            {t('list.new')}
          </Button>
        ) : null
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 12 }} align="center">
        <EnquiryTabs value="list" />
        <Input.Search
          allowClear
          style={{ width: 180 }}
          placeholder={t('filter.q')}
          aria-label={t('filter.q')}
          defaultValue={q}
          onSearch={(v) => patch({ q: v.trim() || undefined })}
          data-testid="filter-q"
        />
        <Select
          allowClear
          style={{ width: 130 }}
          placeholder={t('filter.status')}
          aria-label={t('filter.status')}
          value={status}
          onChange={(v) => patch({ status: v })}
          options={ENQUIRY_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          data-testid="filter-status"
        />
        <Select
          allowClear
          style={{ width: 130 }}
          placeholder={t('filter.channel')}
          aria-label={t('filter.channel')}
          value={channel}
          onChange={(v) => patch({ channel: v })}
          options={ENQUIRY_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
        <DatePicker
          picker="month"
          style={{ width: 130 }}
          placeholder={t('filter.month')}
          aria-label={t('filter.month')}
          value={month ? dayjs(`${month}-01`) : null}
          onChange={(d) => patch({ month: d ? d.format('YYYY-MM') : undefined })}
        />
        <Checkbox
          checked={!!mine}
          onChange={(e) => patch({ handledBy: e.target.checked ? 'me' : undefined })}
        >
          {t('filter.mine')}
        </Checkbox>
      </Flex>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<TEnquiry>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('list.empty')} /> }}
          pagination={{
            current: page,
            pageSize: size,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => pageTotal(t, n, list.data?.more),
            onChange: (p, s) => patch({ page: String(p), size: String(s) }, true),
          }}
          data-testid="enquiry-table"
        />
      )}
      <EnquiryFormDrawer open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
