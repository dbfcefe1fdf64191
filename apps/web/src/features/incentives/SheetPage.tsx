import {
  CalculatorOutlined,
  CheckCircleOutlined,
  DownloadOutlined,
  FileAddOutlined,
  GiftOutlined,
  LockOutlined,
} from '@ant-design/icons';
import type { TIncentiveItem, TMonthClose } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Popconfirm,
  Row,
  Skeleton,
  Space,
  Statistic,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { useCan } from '../../lib/auth';
import { formatDateTime, monthInOrg } from '../../lib/format';
import { deductionColor, formatDeduction, formatYuan, MONEY_COLOR } from '../../lib/money';
import { AgreementPrompt, useAgreementSigned } from '../confidentiality/SignAgreement';
import { MonthPicker, useMonthParam } from '../dashboards/month';
import { exportUrl, sheetQuery, useApproveSheet, useBulkDecide, useCloseMonth, useDecideItem } from './api';
import { errorText } from './errors';
import { ManualItemModal } from './ManualItemModal';
import { AppealDecisionModal, RejectModal, SpecialAwardModal } from './SheetDialogs';
import { SheetTable } from './SheetTable';

const STATE_COLOR = { NONE: 'default', OPEN: 'processing', APPROVED: 'success' } as const;

/** The sheet's month: `?month=`, else last month (the one a manager closes). */
export function useSheetMonth(): [string, (m: string) => void] {
  const [params] = useSearchParams();
  const [month, setMonth] = useMonthParam();
  return [params.get('month') ? month : monthInOrg(-1), setMonth];
}

function byAt(t: (k: string, o?: Record<string, unknown>) => string, name: string | null, at: string | null) {
  return at ? t('sheet.byAt', { name: name ?? t('sheet.job'), at: formatDateTime(at) }) : '—';
}

function Totals({ sheet }: { sheet: TMonthClose }) {
  const { t } = useTranslation('incentives');
  const s = sheet.totals;
  const net = s.bonusFen - s.deductionFen;
  return (
    <Row gutter={[16, 16]} data-testid="sheet-totals">
      <Col xs={12} md={6}>
        <Card size="small" data-testid="total-bonus">
          <Statistic
            title={t('sheet.bonus')}
            value={formatYuan(s.bonusFen)}
            styles={{ content: { color: MONEY_COLOR.bonus } }}
          />
          <Typography.Text type="secondary">{t('sheet.moneyHint')}</Typography.Text>
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small" data-testid="total-deduction">
          <Statistic
            title={t('sheet.deduction')}
            value={formatDeduction(s.deductionFen)}
            styles={{ content: { color: deductionColor(s.deductionFen) } }}
          />
          <Typography.Text type="secondary">
            {t('sheet.net')} {formatYuan(net)}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small" data-testid="total-counts">
          <Statistic title={t('sheet.counts')} value={s.proposed + s.approved + s.rejected + s.withdrawn} />
          <Typography.Text type="secondary" data-testid="total-split">
            {t('sheet.countsSplit', s)}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small" data-testid="total-appeals">
          <Statistic
            title={t('sheet.pendingAppeals')}
            value={s.pendingAppeals}
            styles={{ content: { color: s.pendingAppeals ? '#d46b08' : undefined } }}
          />
        </Card>
      </Col>
    </Row>
  );
}

/** 月度绩效结算: close or recalculate a month, review and decide its items, approve the sheet, export it. */
export function SheetPage() {
  const { t, i18n } = useTranslation('incentives');
  const signed = useAgreementSigned();
  const { message, modal } = App.useApp();
  const can = useCan();
  const [month, setMonth] = useSheetMonth();
  const q = useQuery(sheetQuery(month));
  const sheet = q.data;
  const close = useCloseMonth();
  const approveSheet = useApproveSheet();
  const bulk = useBulkDecide();
  const decideItem = useDecideItem();
  const [selected, setSelected] = useState<string[]>([]);
  const [rejecting, setRejecting] = useState<TIncentiveItem[] | null>(null);
  const [appealItem, setAppealItem] = useState<TIncentiveItem | null>(null);
  const [awardOpen, setAwardOpen] = useState(false);
  const [manualOpen, setManualOpen] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [approveError, setApproveError] = useState<string | null>(null);

  const canClose = can('month:close');
  const canDecide = can('incentive:decide');
  const open = sheet?.status === 'OPEN';
  const editable = open && canDecide;

  const fail = (e: unknown) => {
    message.error(errorText(t, e));
    void q.refetch();
  };

  const changeMonth = (m: string) => {
    setSelected([]);
    setApproveError(null);
    setMonth(m);
  };

  const runClose = async () => {
    try {
      await close.mutateAsync(month);
      setSelected([]);
      message.success(t('sheet.closed', { month }));
    } catch (e) {
      fail(e);
    }
  };

  const runApproveSheet = async () => {
    if (!sheet) return;
    setApproveError(null);
    try {
      await approveSheet.mutateAsync({ month, version: sheet.version });
      message.success(t('sheet.approvedDone'));
    } catch (e) {
      setApproveError(errorText(t, e));
      void q.refetch();
    }
  };

  const approveOne = async (item: TIncentiveItem) => {
    setBusyId(item.id);
    try {
      await decideItem.mutateAsync({ id: item.id, decision: 'APPROVE', version: item.version });
      message.success(t('sheet.approvedOne'));
    } catch (e) {
      fail(e);
    } finally {
      setBusyId(null);
    }
  };

  const approveSelected = async () => {
    try {
      const r = await bulk.mutateAsync({ ids: selected, decision: 'APPROVE' });
      message.success(t('sheet.bulkDone', { count: r.decided }));
      setSelected([]);
    } catch (e) {
      fail(e);
    }
  };

  const reject = async (comment: string) => {
    if (!rejecting) return;
    try {
      const one = rejecting.length === 1 ? rejecting[0] : undefined;
      if (one) {
        await decideItem.mutateAsync({ id: one.id, decision: 'REJECT', comment, version: one.version });
        message.success(t('sheet.rejectedOne'));
      } else {
        const r = await bulk.mutateAsync({ ids: rejecting.map((i) => i.id), decision: 'REJECT', comment });
        message.success(t('sheet.bulkDone', { count: r.decided }));
      }
      setSelected((s) => s.filter((id) => !rejecting.some((i) => i.id === id)));
      setRejecting(null);
    } catch (e) {
      fail(e);
    }
  };

  const closeButton =
    canClose && sheet && sheet.status !== 'APPROVED' ? (
      sheet.closable ? (
        sheet.status === 'NONE' ? (
          <Button
            type="primary"
            icon={<CalculatorOutlined />}
            loading={close.isPending}
            onClick={runClose}
            data-testid="sheet-close"
          >
            {t('sheet.close')}
          </Button>
        ) : (
          <Popconfirm
            title={t('sheet.recalculateConfirm')}
            okText={t('sheet.recalculate')}
            cancelText={t('common:actions.cancel')}
            onConfirm={runClose}
            okButtonProps={{ 'data-testid': 'recalculate-ok' } as Record<`data-${string}`, string>}
          >
            <Button icon={<CalculatorOutlined />} loading={close.isPending} data-testid="sheet-close">
              {t('sheet.recalculate')}
            </Button>
          </Popconfirm>
        )
      ) : (
        <Tooltip title={t('sheet.notClosable', { month })}>
          <Button icon={<CalculatorOutlined />} disabled data-testid="sheet-close">
            {sheet.status === 'NONE' ? t('sheet.close') : t('sheet.recalculate')}
          </Button>
        </Tooltip>
      )
    ) : null;

  const selectedItems = (sheet?.items ?? []).filter((i) => selected.includes(i.id));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<PageTitle title={t('sheet.title')} subtitle={t('sheet.subtitle')} />}
        extra={<MonthPicker month={month} onChange={changeMonth} />}
      >
        {q.isError ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : !sheet ? (
          <Skeleton active paragraph={{ rows: 3 }} data-testid="sheet-loading" />
        ) : (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Row gutter={[16, 8]} align="middle" justify="space-between">
              <Col flex="auto">
                <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} data-testid="sheet-status">
                  <Descriptions.Item label={t('sheet.stateLabel')}>
                    <Tag
                      color={STATE_COLOR[sheet.status]}
                      icon={sheet.status === 'APPROVED' ? <LockOutlined /> : undefined}
                      data-testid="sheet-state"
                      data-state={sheet.status}
                    >
                      {t(`sheet.state.${sheet.status}`)}
                    </Tag>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('sheet.policyVersion')}>
                    {sheet.policyVersion ?? '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('sheet.computed')}>
                    <span data-testid="sheet-computed">
                      {byAt(t, sheet.computedByName, sheet.computedAt)}
                    </span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('sheet.approved')}>
                    <span data-testid="sheet-approved">
                      {byAt(t, sheet.approvedByName, sheet.approvedAt)}
                    </span>
                  </Descriptions.Item>
                </Descriptions>
              </Col>
              <Col>
                <Space wrap>
                  {closeButton}
                  {sheet.can.propose ? (
                    <Button
                      icon={<GiftOutlined />}
                      onClick={() => setAwardOpen(true)}
                      data-testid="add-award"
                    >
                      {t('sheet.addAward')}
                    </Button>
                  ) : null}
                  {sheet.can.propose ? (
                    <Button
                      icon={<FileAddOutlined />}
                      onClick={() => setManualOpen(true)}
                      data-testid="add-manual"
                    >
                      {t('manual.button')}
                    </Button>
                  ) : null}
                  {editable && sheet.computedAt ? (
                    <Popconfirm
                      title={t('sheet.approveConfirm')}
                      okText={t('sheet.approveSheet')}
                      cancelText={t('common:actions.cancel')}
                      onConfirm={runApproveSheet}
                      okButtonProps={
                        { 'data-testid': 'approve-sheet-ok' } as Record<`data-${string}`, string>
                      }
                    >
                      <Button
                        type="primary"
                        icon={<CheckCircleOutlined />}
                        loading={approveSheet.isPending}
                        data-testid="approve-sheet"
                      >
                        {t('sheet.approveSheet')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                  {sheet.can.export && signed === false ? <AgreementPrompt /> : null}
                  {sheet.can.export ? (
                    <>
                      <Button
                        icon={<DownloadOutlined />}
                        disabled={signed === false}
                        href={exportUrl(month, 'csv', i18n.language)}
                        data-testid="export-csv"
                      >
                        {t('sheet.exportCsv')}
                      </Button>
                      <Button
                        type="primary"
                        icon={<DownloadOutlined />}
                        disabled={signed === false}
                        href={exportUrl(month, 'xlsx', i18n.language)}
                        data-testid="export-xlsx"
                      >
                        {t('sheet.exportXlsx')}
                      </Button>
                    </>
                  ) : null}
                </Space>
              </Col>
            </Row>
            {approveError ? (
              <Alert
                type="warning"
                showIcon
                closable={{ onClose: () => setApproveError(null) }}
                title={approveError}
                data-testid="approve-error"
              />
            ) : null}
            {sheet.status !== 'NONE' && !canDecide ? (
              <Alert type="info" showIcon title={t('sheet.readOnly')} />
            ) : null}
            {/* A running month cannot be closed, whether or not items already wait on its sheet (a
                remediation deduction, a special award, a training deduction: docs/rules.md#r-inc-13-month-close-and-the-sheet). */}
            {!sheet.closable && sheet.status !== 'APPROVED' ? (
              <Alert
                type="info"
                showIcon
                title={t('sheet.notClosable', { month })}
                description={sheet.status === 'OPEN' ? t('sheet.runningItems') : undefined}
                data-testid="sheet-running"
              />
            ) : null}
            {sheet.status === 'NONE' ? (
              <Empty
                data-testid="sheet-not-closed"
                description={
                  <Space orientation="vertical" size={0}>
                    <Typography.Text>{t('sheet.notClosedYet', { month })}</Typography.Text>
                    {sheet.closable ? (
                      <Typography.Text type="secondary">{t('sheet.notClosedHint')}</Typography.Text>
                    ) : null}
                  </Space>
                }
              />
            ) : (
              <Totals sheet={sheet} />
            )}
          </Space>
        )}
      </Card>
      {sheet && sheet.status !== 'NONE' ? (
        <Card
          size="small"
          title={
            editable ? (
              <Space wrap>
                <Typography.Text type="secondary" data-testid="selected-count">
                  {selected.length
                    ? t('sheet.selected', { count: selected.length })
                    : t('sheet.noSelectable')}
                </Typography.Text>
                <Button
                  type="primary"
                  size="small"
                  disabled={!selected.length}
                  loading={bulk.isPending && !rejecting}
                  onClick={() => {
                    const sum = (deduction: boolean) =>
                      selectedItems
                        .filter((i) => (i.kind === 'DEDUCTION') === deduction)
                        .reduce((n, i) => n + (i.amountFen ?? 0), 0);
                    modal.confirm({
                      title: t('sheet.bulkApproveConfirm', { count: selectedItems.length }),
                      content: t('sheet.bulkApproveTotals', {
                        bonus: formatYuan(sum(false)),
                        deduction: formatDeduction(sum(true)),
                      }),
                      okText: t('sheet.bulkApprove'),
                      cancelText: t('common:actions.cancel'),
                      onOk: () => void approveSelected(),
                    });
                  }}
                  data-testid="bulk-approve"
                >
                  {t('sheet.bulkApprove')}
                </Button>
                <Button
                  size="small"
                  danger
                  disabled={!selected.length}
                  onClick={() => setRejecting(selectedItems)}
                  data-testid="bulk-reject"
                >
                  {t('sheet.bulkReject')}
                </Button>
              </Space>
            ) : sheet.status === 'APPROVED' ? (
              <Space>
                <LockOutlined />
                {t('sheet.locked')}
              </Space>
            ) : null
          }
        >
          <SheetTable
            items={sheet.items}
            loading={q.isFetching}
            editable={editable}
            decidesAppeals={canDecide}
            selected={selected}
            onSelect={setSelected}
            onApprove={approveOne}
            onReject={(i) => setRejecting([i])}
            onDecideAppeal={setAppealItem}
            busyId={busyId}
          />
        </Card>
      ) : null}
      <RejectModal
        open={rejecting !== null}
        count={rejecting?.length ?? 0}
        pending={bulk.isPending || decideItem.isPending}
        onCancel={() => setRejecting(null)}
        onSubmit={reject}
      />
      <AppealDecisionModal item={appealItem} onClose={() => setAppealItem(null)} />
      <SpecialAwardModal month={month} open={awardOpen} onClose={() => setAwardOpen(false)} />
      <ManualItemModal month={month} open={manualOpen} onClose={() => setManualOpen(false)} />
    </Space>
  );
}
