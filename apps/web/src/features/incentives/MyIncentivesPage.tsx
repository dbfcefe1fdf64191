import { FileAddOutlined } from '@ant-design/icons';
import type { TIncentiveItem } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { useCan, useMe } from '../../lib/auth';
import { formatDay, todayInOrg } from '../../lib/format';
import { MonthPicker } from '../dashboards/month';
import { myIncentivesQuery, useFileAppeal } from './api';
import { errorText } from './errors';
import {
  Amount,
  AppealTag,
  Decision,
  Figures,
  ItemDetails,
  ItemStatusTag,
  KindTag,
  RuleExplanation,
  useRuleExplanation,
} from './labels';
import { ManualItemModal } from './ManualItemModal';
import { useSheetMonth } from './SheetPage';

/** Whether the signed-in person may still appeal an item (their own, in the window, not appealed before). */
function appealable(item: TIncentiveItem, meId: string | undefined, today: string): boolean {
  return (
    item.userId === meId &&
    item.appeals.length === 0 &&
    item.appealableUntil !== null &&
    item.appealableUntil >= today
  );
}

/** 我的绩效奖惩: one's own items of a month, their grounds and status, and an appeal while the window is open. */
export function MyIncentivesPage() {
  const { t } = useTranslation('incentives');
  const { message } = App.useApp();
  const me = useMe();
  const [month, setMonth] = useSheetMonth();
  const q = useQuery(myIncentivesQuery(month));
  const fileAppeal = useFileAppeal();
  const explain = useRuleExplanation();
  const [appealing, setAppealing] = useState<TIncentiveItem | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const today = todayInOrg();
  // managers read every item of the month: this page shows their own only
  const items = (q.data?.items ?? []).filter((i) => i.userId === me?.id);
  // a lead adds items by hand for their team here (R-DISC-1); managers do it on the sheet
  const can = useCan();
  const leadAdds = can('incentive:propose') && !can('incentive:decide') && !!me?.teamId;
  const [manualOpen, setManualOpen] = useState(false);

  return (
    <Card
      title={<PageTitle title={t('mine.title')} subtitle={t('mine.subtitle')} />}
      extra={
        <Space wrap>
          {leadAdds ? (
            <Button icon={<FileAddOutlined />} onClick={() => setManualOpen(true)} data-testid="add-manual">
              {t('manual.teamButton')}
            </Button>
          ) : null}
          <MonthPicker month={month} onChange={setMonth} />
        </Space>
      }
    >
      {q.isError ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<TIncentiveItem>
          rowKey="id"
          size="small"
          data-testid="my-items"
          loading={q.isPending || q.isFetching}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: t('mine.empty') }}
          expandable={{ expandedRowRender: (r) => <ItemDetails item={r} /> }}
          onRow={(r) =>
            ({
              'data-testid': 'my-row',
              'data-rule': r.rule,
              'data-status': r.status,
            }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              title: t('col.item'),
              key: 'rule',
              width: 280,
              render: (_, r) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong className="hf-nowrap" data-testid="item-rule">
                    {t(`rule.${r.rule}`)}
                  </Typography.Text>
                  <Typography.Text type="secondary" className="hf-wrap" style={{ fontSize: 12 }}>
                    <RuleExplanation item={r} />
                  </Typography.Text>
                  {r.reason ? (
                    <Typography.Text type="secondary" className="hf-wrap" style={{ fontSize: 12 }}>
                      {t('lbl.reason')}
                      {r.reason}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            { title: t('col.kind'), key: 'kind', width: 110, render: (_, r) => <KindTag kind={r.kind} /> },
            {
              title: t('col.amount'),
              key: 'amount',
              width: 110,
              align: 'right',
              render: (_, r) => <Amount item={r} />,
            },
            { title: t('col.figures'), key: 'figures', width: 260, render: (_, r) => <Figures item={r} /> },
            {
              title: t('col.status'),
              key: 'status',
              width: 90,
              render: (_, r) => <ItemStatusTag status={r.status} />,
            },
            {
              title: t('col.decision'),
              key: 'decision',
              width: 170,
              render: (_, r) => <Decision item={r} />,
            },
            {
              title: t('col.appeal'),
              key: 'appeal',
              width: 200,
              render: (_, r) => {
                const last = r.appeals.at(-1);
                if (last) {
                  return (
                    <Space orientation="vertical" size={0}>
                      <AppealTag appeal={last} />
                      {last.decisionReason ? (
                        <Typography.Text type="secondary" className="hf-wrap" style={{ fontSize: 12 }}>
                          {t('mine.decisionBy', {
                            name: last.decidedByName ?? '—',
                            reason: last.decisionReason,
                          })}
                        </Typography.Text>
                      ) : null}
                    </Space>
                  );
                }
                if (appealable(r, me?.id, today)) {
                  return (
                    <Space orientation="vertical" size={0}>
                      <Button size="small" onClick={() => setAppealing(r)} data-testid="appeal-item">
                        {t('mine.appeal')}
                      </Button>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('mine.until', { day: formatDay(r.appealableUntil) })}
                      </Typography.Text>
                    </Space>
                  );
                }
                return r.appealableUntil ? (
                  <Typography.Text type="secondary">{t('mine.appealClosed')}</Typography.Text>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                );
              },
            },
          ]}
        />
      )}
      <Modal
        open={appealing !== null}
        title={t('mine.appealTitle')}
        okText={t('common:actions.submit')}
        cancelText={t('common:actions.cancel')}
        okButtonProps={{ 'data-testid': 'appeal-ok' } as Record<`data-${string}`, string>}
        confirmLoading={fileAppeal.isPending}
        onCancel={() => setAppealing(null)}
        onOk={async () => {
          if (!appealing) return;
          const v = await form.validateFields();
          try {
            await fileAppeal.mutateAsync({ id: appealing.id, reason: v.reason.trim() });
            message.success(t('mine.appealFiled'));
            setAppealing(null);
          } catch (e) {
            message.error(errorText(t, e));
            void q.refetch();
          }
        }}
        destroyOnHidden
      >
        {appealing ? (
          <Typography.Paragraph>
            <Typography.Text strong>{t(`rule.${appealing.rule}`)}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{explain(appealing)}</Typography.Text>
          </Typography.Paragraph>
        ) : null}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('mine.appealReason')}
            rules={[{ required: true, whitespace: true, message: t('policy.required') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} data-testid="appeal-reason-input" />
          </Form.Item>
        </Form>
      </Modal>
      {leadAdds ? (
        <ManualItemModal
          month={month}
          open={manualOpen}
          onClose={() => setManualOpen(false)}
          teamId={me?.teamId ?? null}
        />
      ) : null}
    </Card>
  );
}
