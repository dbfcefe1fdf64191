// 组长审核随访记录 (docs/rules.md#r-chain-5-sign-off): the month's visit records of the lead's team, each
// signed off or sent back with a comment; the month's signed-off rate above.
import type { TSignOffItem } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Progress,
  Segmented,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { errorKeys } from '../../lib/api';
import { formatDateTime, monthInOrg } from '../../lib/format';
import { type SignOffFilter, signOffQuery, useDecideSignOff } from './api';

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const FILTERS: SignOffFilter[] = ['WAITING', 'SENT_BACK', 'SIGNED_OFF'];

export function SignOffPage() {
  const { t } = useTranslation(['approvalChains', 'common']);
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const month = MONTH_RE.test(params.get('month') ?? '') ? (params.get('month') as string) : monthInOrg();
  const raw = params.get('status') as SignOffFilter | null;
  const status: SignOffFilter = raw && FILTERS.includes(raw) ? raw : 'WAITING';
  const queue = useQuery(signOffQuery(month, status));
  const decide = useDecideSignOff();
  const [sendingBack, setSendingBack] = useState<TSignOffItem | null>(null);
  const set = (k: string, v: string) => {
    const p = new URLSearchParams(params);
    p.set(k, v);
    setParams(p, { replace: true });
  };

  const signOff = (r: TSignOffItem) =>
    decide.mutate(
      { id: r.id, body: { decision: 'SIGN_OFF', version: r.version } },
      {
        onSuccess: () => void message.success(t('signOff.signedOff')),
        onError: (e) => void message.error(t(errorKeys(e, 'approvalChains:error'))),
      },
    );

  const columns: ColumnsType<TSignOffItem> = [
    { title: t('signOff.when'), dataIndex: 'startedAt', render: (v: string) => formatDateTime(v) },
    { title: t('signOff.caller'), dataIndex: 'callerName' },
    { title: t('signOff.customer'), dataIndex: 'customerName' },
    {
      title: t('signOff.outcome'),
      dataIndex: 'outcome',
      render: (v: string) => t(`common:outcome.${v}`),
    },
    {
      title: t('signOff.satisfaction'),
      dataIndex: 'satisfaction',
      render: (v: number | null) => v ?? t('common:none'),
    },
    {
      title: t('signOff.opinions'),
      dataIndex: 'opinions',
      render: (v: string | null, r) => (
        <Space orientation="vertical" size={0}>
          <span>{v ?? t('common:none')}</span>
          {r.signOffComment ? (
            <Typography.Text type="secondary">
              {t('signOff.comment')}: {r.signOffComment}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    ...(status === 'WAITING'
      ? [
          {
            key: 'actions',
            title: '',
            render: (_: unknown, r: TSignOffItem) => (
              <Space wrap>
                <Button
                  type="primary"
                  size="small"
                  onClick={() => signOff(r)}
                  disabled={decide.isPending}
                  data-testid={`sign-off-${r.id}`}
                >
                  {t('signOff.signOffAction')}
                </Button>
                <Button size="small" onClick={() => setSendingBack(r)} data-testid={`send-back-${r.id}`}>
                  {t('signOff.sendBack')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const f = queue.data?.figures;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={<PageTitle title={t('signOff.title')} subtitle={t('signOff.subtitle')} />}>
        <Flex wrap gap={24} align="center">
          <DatePicker
            picker="month"
            allowClear={false}
            aria-label={t('signOff.month')}
            value={dayjs(`${month}-01`)}
            onChange={(v: Dayjs | null) => v && set('month', v.format('YYYY-MM'))}
            data-testid="sign-off-month"
          />
          {f ? (
            <Flex gap={16} align="center" data-testid="sign-off-rate">
              <Progress
                type="circle"
                size={64}
                percent={f.rateBp === null ? 0 : Math.floor(f.rateBp / 100)}
                aria-label={t('signOff.rate')}
              />
              <Statistic
                title={t('signOff.rate')}
                value={f.rateBp === null ? t('common:none') : `${(f.rateBp / 100).toFixed(1)}%`}
              />
              <Typography.Text type="secondary">{t('signOff.rateDetail', f)}</Typography.Text>
            </Flex>
          ) : null}
        </Flex>
      </Card>
      <Card
        size="small"
        title={
          <Segmented<SignOffFilter>
            aria-label={t('signOff.status')}
            value={status}
            onChange={(v) => set('status', v)}
            options={FILTERS.map((s) => ({ value: s, label: t(`signOff.${s}`) }))}
            data-testid="sign-off-filter"
          />
        }
      >
        {queue.isError ? (
          <LoadError error={queue.error} onRetry={() => queue.refetch()} />
        ) : (
          <Table<TSignOffItem>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={queue.data?.items ?? []}
            loading={queue.isLoading}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            locale={{ emptyText: t('signOff.empty') }}
            data-testid="sign-off-table"
          />
        )}
      </Card>
      {sendingBack ? (
        <SendBackModal
          record={sendingBack}
          onClose={() => setSendingBack(null)}
          onSend={(comment) =>
            decide.mutate(
              { id: sendingBack.id, body: { decision: 'SEND_BACK', comment, version: sendingBack.version } },
              {
                onSuccess: () => {
                  message.success(t('signOff.sentBackDone'));
                  setSendingBack(null);
                },
                onError: (e) => void message.error(t(errorKeys(e, 'approvalChains:error'))),
              },
            )
          }
          pending={decide.isPending}
        />
      ) : null}
    </Space>
  );
}

function SendBackModal({
  record,
  onClose,
  onSend,
  pending,
}: {
  record: TSignOffItem;
  onClose: () => void;
  onSend: (comment: string) => void;
  pending: boolean;
}) {
  const { t } = useTranslation('approvalChains');
  const [form] = Form.useForm<{ comment: string }>();
  return (
    <Modal
      open
      title={t('signOff.sendBackTitle')}
      okText={t('signOff.sendBack')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'send-back-ok' } as ButtonProps}
    >
      <Typography.Paragraph type="secondary">
        {record.callerName} · {record.customerName} · {formatDateTime(record.startedAt)}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => onSend(v.comment.trim())}>
        <Form.Item
          name="comment"
          label={t('signOff.comment')}
          extra={t('signOff.sendBackHint')}
          rules={[{ required: true, whitespace: true, message: t('error.COMMENT_REQUIRED') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="send-back-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
