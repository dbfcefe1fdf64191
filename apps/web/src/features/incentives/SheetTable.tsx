import type { TIncentiveItem } from '@huifang/contracts';
import { Button, Space, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  Amount,
  AppealTag,
  Decision,
  Figures,
  ItemDetails,
  ItemStatusTag,
  KindTag,
  useRuleExplanation,
} from './labels';

export const hasPendingAppeal = (i: TIncentiveItem) => i.appeals.some((a) => a.status === 'PENDING');

/** The month's items: person, item, type, money, grounds, status, decision and appeals; selectable for bulk decisions. */
export function SheetTable({
  items,
  loading,
  editable,
  decidesAppeals,
  selected,
  onSelect,
  onApprove,
  onReject,
  onDecideAppeal,
  busyId,
}: {
  items: TIncentiveItem[];
  loading: boolean;
  /** the sheet is open and the user decides items */
  editable: boolean;
  /** the user decides appeals (also on a locked sheet: an overturned item leaves the payroll export) */
  decidesAppeals: boolean;
  selected: string[];
  onSelect: (ids: string[]) => void;
  onApprove: (item: TIncentiveItem) => void;
  onReject: (item: TIncentiveItem) => void;
  onDecideAppeal: (item: TIncentiveItem) => void;
  busyId: string | null;
}) {
  const { t } = useTranslation('incentives');
  const explain = useRuleExplanation();
  return (
    <Table<TIncentiveItem>
      rowKey="id"
      size="small"
      data-testid="sheet-items"
      loading={loading}
      dataSource={items}
      tableLayout="auto"
      pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => t('common:total', { count: n }) }}
      locale={{ emptyText: t('sheet.empty') }}
      rowSelection={
        editable
          ? {
              selectedRowKeys: selected,
              onChange: (keys) => onSelect(keys as string[]),
              // only undecided items go into a bulk decision
              getCheckboxProps: (r) => ({ disabled: !(r.can.approve && r.can.reject) }),
            }
          : undefined
      }
      expandable={{ expandedRowRender: (r) => <ItemDetails item={r} /> }}
      onRow={(r) =>
        ({
          'data-testid': 'sheet-row',
          'data-rule': r.rule,
          'data-kind': r.kind,
          'data-status': r.status,
          'data-person': r.userName ?? '',
        }) as React.HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          // the department goes under the name: one column less, so the sheet fits beside the menu
          title: `${t('col.person')} / ${t('col.department')}`,
          key: 'person',
          render: (_, r) => (
            <div>
              <span data-testid="item-person">{r.userName ?? '—'}</span>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.departmentName ?? '—'}
                </Typography.Text>
              </div>
            </div>
          ),
        },
        {
          title: t('col.item'),
          key: 'rule',
          className: 'hf-nowrap',
          filters: [...new Set(items.map((i) => i.rule))].map((r) => ({ text: t(`rule.${r}`), value: r })),
          onFilter: (v, r) => r.rule === v,
          render: (_, r) => (
            <Tooltip title={explain(r)}>
              <Typography.Text data-testid="item-rule" style={{ cursor: 'help' }}>
                {t(`rule.${r.rule}`)}
              </Typography.Text>
            </Tooltip>
          ),
        },
        {
          title: t('col.kind'),
          key: 'kind',
          filters: [...new Set(items.map((i) => i.kind))].map((k) => ({ text: t(`kind.${k}`), value: k })),
          onFilter: (v, r) => r.kind === v,
          render: (_, r) => <KindTag kind={r.kind} />,
        },
        {
          title: t('col.amount'),
          key: 'amount',
          align: 'right',
          className: 'hf-nowrap',
          render: (_, r) => <Amount item={r} />,
        },
        { title: t('col.figures'), key: 'figures', render: (_, r) => <Figures item={r} /> },
        {
          title: t('col.status'),
          key: 'status',
          filters: (['PROPOSED', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const).map((s) => ({
            text: t(`status.${s}`),
            value: s,
          })),
          onFilter: (v, r) => r.status === v,
          render: (_, r) => <ItemStatusTag status={r.status} />,
        },
        {
          title: t('col.decision'),
          key: 'decision',
          render: (_, r) => <Decision item={r} />,
        },
        {
          title: t('col.appeal'),
          key: 'appeal',
          render: (_, r) => {
            const last = r.appeals.at(-1);
            return last ? <AppealTag appeal={last} /> : <Typography.Text type="secondary">—</Typography.Text>;
          },
        },
        ...(editable || (decidesAppeals && items.some(hasPendingAppeal))
          ? [
              {
                title: t('col.actions'),
                key: 'actions',
                fixed: 'right' as const,
                render: (_: unknown, r: TIncentiveItem) => (
                  <Space size={0} orientation="vertical" align="start">
                    {decidesAppeals && hasPendingAppeal(r) ? (
                      <Button
                        type="link"
                        size="small"
                        onClick={() => onDecideAppeal(r)}
                        data-testid="row-decide-appeal"
                      >
                        {t('sheet.decideAppeal')}
                      </Button>
                    ) : null}
                    {editable && r.can.approve ? (
                      <Button
                        type="link"
                        size="small"
                        loading={busyId === r.id}
                        onClick={() => onApprove(r)}
                        data-testid="row-approve"
                      >
                        {t('sheet.approve')}
                      </Button>
                    ) : null}
                    {editable && r.can.reject ? (
                      <Button
                        type="link"
                        size="small"
                        danger
                        onClick={() => onReject(r)}
                        data-testid="row-reject"
                      >
                        {t('sheet.reject')}
                      </Button>
                    ) : null}
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
