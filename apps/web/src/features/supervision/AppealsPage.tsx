import type { TAppealListItem, TAppealStatus } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Radio, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../lib/format';
import { appealsQuery, useDecideAppeal } from './api';
import { AppealTag, errorText, FindingTags, ResultTag } from './labels';

/** Appeals (申诉) for managers: the pending ones first, each decided upheld or overturned with a reason. */
export function AppealsPage() {
  const { t } = useTranslation('supervision');
  const [status, setStatus] = useState<TAppealStatus | undefined>('PENDING');
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<TAppealListItem | null>(null);
  const list = useQuery(appealsQuery(status, page));

  return (
    <Card title={<PageTitle title={t('appeals.title')} subtitle={t('appeals.subtitle')} />}>
      <Tabs
        activeKey={status ?? 'all'}
        onChange={(k) => {
          setStatus(k === 'all' ? undefined : (k as TAppealStatus));
          setPage(1);
        }}
        items={[
          { key: 'PENDING', label: t('appealStatus.PENDING') },
          { key: 'all', label: t('appeals.all') },
        ]}
      />
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<TAppealListItem>
          rowKey="id"
          size="small"
          data-testid="appeal-list"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => t('common:total', { count: n }),
          }}
          columns={[
            {
              title: t('col.caller'),
              key: 'caller',
              render: (_, a) => <span data-testid="appeal-caller">{a.caller.name}</span>,
            },
            { title: t('col.customer'), key: 'customer', render: (_, a) => a.inspection.customer.name },
            { title: t('col.inspector'), key: 'inspector', render: (_, a) => a.inspection.inspector.name },
            {
              title: t('col.total'),
              key: 'total',
              align: 'right',
              render: (_, a) => a.inspection.total ?? t('common:none'),
            },
            {
              title: t('col.result'),
              key: 'result',
              render: (_, a) => (
                <ResultTag passed={a.inspection.passed} effectivePassed={a.inspection.effectivePassed} />
              ),
            },
            {
              title: t('col.findings'),
              key: 'findings',
              render: (_, a) => <FindingTags values={a.inspection.findings} />,
            },
            { title: t('appeal.reason'), key: 'reason', render: (_, a) => a.reason },
            { title: t('appeals.filedAt'), key: 'at', render: (_, a) => formatDateTime(a.createdAt) },
            { title: t('col.status'), key: 'status', render: (_, a) => <AppealTag value={a.status} /> },
            {
              title: t('col.actions'),
              key: 'actions',
              render: (_, a) => (
                <>
                  <Link to={`/inspections/${a.inspectionId}`}>{t('common:actions.view')}</Link>
                  {a.can.uphold || a.can.overturn ? (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => setDeciding(a)}
                      data-testid="appeal-decide"
                    >
                      {t('appeals.decide')}
                    </Button>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      )}
      {deciding ? <DecideModal appeal={deciding} onClose={() => setDeciding(null)} /> : null}
    </Card>
  );
}

function DecideModal({ appeal, onClose }: { appeal: TAppealListItem; onClose: () => void }) {
  const { t } = useTranslation('supervision');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: 'UPHELD' | 'OVERTURNED'; reason: string }>();
  const decide = useDecideAppeal();
  return (
    <Modal
      open
      title={t('appeals.decideTitle', { name: appeal.caller.name })}
      okText={t('common:actions.confirm')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={decide.isPending}
      data-testid="decide-modal"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          decide.mutate(
            { id: appeal.id, ...v },
            {
              onSuccess: () => {
                message.success(t('appeals.decided'));
                onClose();
              },
              onError: (e) => message.error(errorText(t, e)),
            },
          )
        }
      >
        <Form.Item label={t('appeal.reason')}>{appeal.reason}</Form.Item>
        <Form.Item
          name="decision"
          label={t('appeals.decision')}
          rules={[{ required: true, message: t('appeals.decisionRequired') }]}
        >
          <Radio.Group data-testid="decision">
            <Radio value="UPHELD">{t('appeals.uphold')}</Radio>
            <Radio value="OVERTURNED">{t('appeals.overturn')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('appeals.decisionReason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('appeal.reasonRequired') }]}
        >
          <Input.TextArea rows={3} data-testid="decision-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
