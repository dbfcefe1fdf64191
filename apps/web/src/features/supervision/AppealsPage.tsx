import type { TAppealListItem, TAppealStatus } from '@huifang/contracts';
import { rescoreAfterAppeal } from '@huifang/domain';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
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
              render: (_, a) =>
                a.inspection.effectiveTotal !== null && a.inspection.effectiveTotal !== a.inspection.total
                  ? `${a.inspection.total} → ${a.inspection.effectiveTotal}`
                  : (a.inspection.total ?? t('common:none')),
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
            { title: t('appeal.reason'), key: 'reason', className: 'hf-wrap', render: (_, a) => a.reason },
            {
              title: t('appeals.filedAt'),
              key: 'at',
              className: 'hf-nowrap',
              render: (_, a) => formatDateTime(a.createdAt),
            },
            { title: t('col.status'), key: 'status', render: (_, a) => <AppealTag value={a.status} /> },
            {
              title: t('col.actions'),
              key: 'actions',
              render: (_, a) => (
                <>
                  <Link to={`/inspections/${a.inspectionId}`}>{t('common:actions.view')}</Link>
                  {a.can.uphold || a.can.overturn || a.can.overturnItems ? (
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

type Decision = 'UPHELD' | 'OVERTURNED' | 'ITEMS';
type Item = TAppealListItem['inspection']['items'][number];

/**
 * The decision: every item of the inspection with its score and the inspector's comment (the
 * appealed ones marked and chosen first), upheld, overturned whole, or overturned item by item
 * with the recomputed score shown live (rescoreAfterAppeal, the rule the server applies).
 */
function DecideModal({ appeal, onClose }: { appeal: TAppealListItem; onClose: () => void }) {
  const { t } = useTranslation('supervision');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: Decision; reason: string }>();
  const decide = useDecideAppeal();
  const insp = appeal.inspection;
  const decision = Form.useWatch('decision', form);
  const [chosen, setChosen] = useState<Record<string, number | null>>(() =>
    Object.fromEntries(
      insp.items.filter((i) => i.appealed).map((i) => [i.criterionId, i.proposedScore ?? i.weight]),
    ),
  );
  const overturns = Object.entries(chosen).map(([criterionId, score]) => ({
    criterionId,
    score: score ?? undefined,
  }));
  const rescored = rescoreAfterAppeal(
    insp.items.map((i) => ({ id: i.criterionId, name: i.name, weight: i.weight, critical: i.critical })),
    insp.items.flatMap((i) =>
      i.score === null
        ? []
        : [{ criterionId: i.criterionId, score: i.score, failed: i.failed, comment: i.comment }],
    ),
    overturns,
    insp.passThreshold,
    { appealed: insp.items.filter((i) => i.appealed) },
  );
  const itemLevel = decision === 'ITEMS';
  const toggle = (i: Item, on: boolean) =>
    setChosen((all) => {
      const next = { ...all };
      if (on) next[i.criterionId] = i.proposedScore ?? i.weight;
      else delete next[i.criterionId];
      return next;
    });
  const maySelect = (i: Item) => i.appealed || !insp.items.some((x) => x.appealed);
  return (
    <Modal
      open
      width={920}
      title={t('appeals.decideTitle', { name: appeal.caller.name })}
      okText={t('common:actions.confirm')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ disabled: itemLevel && (overturns.length === 0 || rescored.errors.length > 0) }}
      confirmLoading={decide.isPending}
      data-testid="decide-modal"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          decide.mutate(
            {
              id: appeal.id,
              reason: v.reason,
              decision: v.decision === 'UPHELD' ? 'UPHELD' : 'OVERTURNED',
              items: v.decision === 'ITEMS' ? overturns : undefined,
              version: insp.version,
            },
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
        <Table<Item>
          rowKey="criterionId"
          size="small"
          pagination={false}
          data-testid="decide-items"
          dataSource={insp.items}
          style={{ marginBottom: 16 }}
          onRow={(i) =>
            ({
              'data-testid': `decide-item-${i.criterionId}`,
              'data-failed': i.critical && i.failed ? 'true' : undefined,
              style: i.critical && i.failed ? { background: '#fff1f0' } : undefined,
            }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              title: t('rubric.criterion'),
              key: 'name',
              render: (_, i) => (
                <Space size={4} wrap>
                  <Typography.Text type={i.critical && i.failed ? 'danger' : undefined}>
                    {i.name}
                  </Typography.Text>
                  {i.critical ? (
                    <Tag color={i.failed ? 'red' : 'volcano'}>
                      {i.failed ? t('work.criticalFailedItem') : t('rubric.critical')}
                    </Tag>
                  ) : null}
                  {i.appealed ? <Tag color="gold">{t('appeals.appealedItem')}</Tag> : null}
                </Space>
              ),
            },
            {
              title: t('result.score'),
              key: 'score',
              align: 'right',
              render: (_, i) => (i.score === null ? t('common:none') : `${i.score} / ${i.weight}`),
            },
            {
              title: t('appeals.proposed'),
              key: 'proposed',
              align: 'right',
              render: (_, i) => i.proposedScore ?? t('common:none'),
            },
            {
              title: t('appeals.inspectorComment'),
              key: 'comment',
              className: 'hf-wrap',
              render: (_, i) => i.comment ?? t('common:none'),
            },
            ...(itemLevel
              ? [
                  {
                    title: t('appeals.overturnItem'),
                    key: 'overturn',
                    render: (_: unknown, i: Item) =>
                      maySelect(i) ? (
                        <Space size={4}>
                          <Checkbox
                            checked={i.criterionId in chosen}
                            onChange={(e) => toggle(i, e.target.checked)}
                            data-testid={`overturn-${i.criterionId}`}
                            aria-label={t('appeals.overturnItem')}
                          />
                          {i.criterionId in chosen ? (
                            <InputNumber
                              size="small"
                              min={i.score ?? 0}
                              max={i.weight}
                              precision={0}
                              value={chosen[i.criterionId]}
                              onChange={(v) => setChosen((all) => ({ ...all, [i.criterionId]: v }))}
                              suffix={`/ ${i.weight}`}
                              style={{ width: 100 }}
                              aria-label={t('appeals.newScore', { name: i.name })}
                              data-testid={`new-score-${i.criterionId}`}
                            />
                          ) : null}
                        </Space>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
        <Space size={24} style={{ marginBottom: 12 }} wrap>
          <span>
            {t('col.total')}：<Typography.Text strong>{insp.total ?? t('common:none')}</Typography.Text>{' '}
            <ResultTag passed={insp.passed} effectivePassed={insp.effectivePassed} />
          </span>
          {itemLevel ? (
            <span data-testid="decide-recomputed">
              {t('appeals.recomputed')}：
              <Typography.Text strong data-testid="decide-recomputed-total">
                {rescored.result.total}
              </Typography.Text>{' '}
              <Tag color={rescored.result.passed ? 'green' : 'red'} data-testid="decide-recomputed-result">
                {rescored.result.passed ? t('result.pass') : t('result.fail')}
              </Tag>
              {rescored.result.criticalFailed ? <Tag color="red">{t('work.criticalFailed')}</Tag> : null}
            </span>
          ) : null}
        </Space>
        <Form.Item
          name="decision"
          label={t('appeals.decision')}
          rules={[{ required: true, message: t('appeals.decisionRequired') }]}
        >
          <Radio.Group data-testid="decision">
            <Radio value="UPHELD">{t('appeals.uphold')}</Radio>
            <Radio value="ITEMS">{t('appeals.overturnItems')}</Radio>
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
