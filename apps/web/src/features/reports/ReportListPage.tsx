import { PlusOutlined } from '@ant-design/icons';
import type { TReportStatus, TReportSummary } from '@huifang/contracts';
import { REPORT_STATUSES } from '@huifang/contracts/values';
import { matchesStep, rollupAuthor } from '@huifang/domain';
import { useQuery } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import { App, Button, Card, DatePicker, Flex, Form, Modal, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorKeys } from '../../lib/api';
import { Can, useMe } from '../../lib/auth';
import { formatDateTime, monthInOrg } from '../../lib/format';
import { chainsQuery, useCreateRollup } from '../approval-chains/api';
import { reportsQuery, useCreateReport } from './api';
import { reportError } from './errors';
import { ReportStatusTag } from './ReportStatusTag';

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Monthly reports: filters kept in the URL, the list, and "new report" for a lead. */
export function ReportListPage() {
  const { t } = useTranslation('reports');
  const [params, setParams] = useSearchParams();
  const month = MONTH_RE.test(params.get('month') ?? '') ? (params.get('month') as string) : undefined;
  const rawStatus = params.get('status');
  const status = (REPORT_STATUSES as readonly string[]).includes(rawStatus ?? '')
    ? (rawStatus as TReportStatus)
    : undefined;
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
  const list = useQuery(reportsQuery({ month, status, page, size }));
  const [creating, setCreating] = useState(false);

  const columns: ColumnsType<TReportSummary> = [
    {
      title: t('list.month'),
      dataIndex: 'month',
      render: (m: string, r) => (
        <Link to={`/reports/${r.id}`} data-testid={`report-link-${m}`}>
          {m}
        </Link>
      ),
    },
    {
      title: t('list.team'),
      dataIndex: 'teamName',
      render: (v: string | null, r) =>
        r.kind === 'ROLLUP' ? t('approvalChains:rollup.kind') : (v ?? t('list.allTeams')),
    },
    {
      title: t('list.status'),
      dataIndex: 'status',
      render: (s: TReportStatus) => <ReportStatusTag status={s} />,
    },
    { title: t('list.creator'), dataIndex: 'creatorName' },
    {
      title: t('list.submittedAt'),
      dataIndex: 'submittedAt',
      render: (v: string | null) => formatDateTime(v),
    },
    { title: t('list.decidedAt'), dataIndex: 'decidedAt', render: (v: string | null) => formatDateTime(v) },
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
          <RollupButton month={month} />
          <Can permission="report:write">
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="report-create"
            >
              {t('list.create')}
            </Button>
          </Can>
        </Flex>
      </Card>
      <Card
        size="small"
        extra={
          <Space wrap>
            <DatePicker
              picker="month"
              allowClear
              placeholder={t('list.allMonths')}
              value={month ? dayjs(`${month}-01`) : null}
              onChange={(v: Dayjs | null) => patch({ month: v ? v.format('YYYY-MM') : undefined })}
              data-testid="filter-month"
            />
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('list.allStatuses')}
              aria-label={t('list.allStatuses')}
              value={status}
              onChange={(v?: string) => patch({ status: v })}
              options={REPORT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              data-testid="filter-status"
            />
          </Space>
        }
      >
        <Table<TReportSummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          locale={{
            emptyText: list.isError ? reportError(t, list.error) : t('common:empty'),
          }}
          pagination={{
            current: page,
            pageSize: size,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common:total', { count: n }),
            onChange: (p, s) => patch({ page: String(p), size: String(s) }),
          }}
          data-testid="report-table"
        />
      </Card>
      {creating ? <CreateReportModal onClose={() => setCreating(false)} /> : null}
    </Space>
  );
}

function CreateReportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('reports');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreateReport();
  const [form] = Form.useForm<{ month: Dayjs }>();
  const thisMonth = monthInOrg();
  return (
    <Modal
      open
      title={t('create.title')}
      okText={t('common:actions.create')}
      onCancel={onClose}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'report-create-ok' } as ButtonProps}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ month: dayjs(`${monthInOrg(-1)}-01`) }}
        onFinish={(v) =>
          create.mutate(
            { month: v.month.format('YYYY-MM') },
            {
              onSuccess: (r) => {
                message.success(t('create.created'));
                navigate(`/reports/${r.id}`);
              },
              onError: (e) => void message.error(reportError(t, e)),
            },
          )
        }
      >
        <Form.Item
          label={t('create.month')}
          name="month"
          rules={[{ required: true, message: t('create.month') }]}
        >
          <DatePicker
            picker="month"
            allowClear={false}
            disabledDate={(d) => d.format('YYYY-MM') > thisMonth}
          />
        </Form.Item>
        <Typography.Text type="secondary">{t('create.hint')}</Typography.Text>
      </Form>
    </Modal>
  );
}

/**
 * "Roll up the department's month" for whoever acts at the last step of the team reports' chain (a
 * deputy director: docs/rules.md#r-chain-3-rollup); the month is the list's filter, else last month.
 */
function RollupButton({ month }: { month: string | undefined }) {
  const { t } = useTranslation(['approvalChains', 'reports']);
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const me = useMe();
  const chains = useQuery(chainsQuery);
  const create = useCreateRollup();
  if (!me || !chains.data || !matchesStep(rollupAuthor(chains.data), me)) return null;
  const target = month ?? monthInOrg(-1);
  return (
    <Button
      icon={<PlusOutlined />}
      loading={create.isPending}
      data-testid="rollup-create"
      onClick={() =>
        modal.confirm({
          title: `${t('rollup.title')} ${target}`,
          content: t('rollup.hint'),
          okButtonProps: { 'data-testid': 'rollup-create-ok' } as ButtonProps,
          onOk: () =>
            create.mutateAsync(target).then(
              (r) => {
                message.success(t('rollup.created'));
                navigate(`/reports/${r.id}`);
              },
              (e) => void message.error(t(errorKeys(e, 'approvalChains:error'))),
            ),
        })
      }
    >
      {t('rollup.create')}
    </Button>
  );
}
