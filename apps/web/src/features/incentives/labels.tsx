import type { TIncentiveItem } from '@huifang/contracts';
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { deductionColor, formatDeduction, formatFigure, formatYuan } from '../../lib/money';

const STATUS_COLOR: Record<TIncentiveItem['status'], string> = {
  PROPOSED: 'processing',
  APPROVED: 'success',
  REJECTED: 'error',
  WITHDRAWN: 'default',
};
const KIND_COLOR: Record<TIncentiveItem['kind'], string> = {
  BONUS: 'green',
  DEDUCTION: 'red',
  WARNING: 'orange',
  RETRAINING: 'gold',
  PUBLIC_CRITICISM: 'volcano',
  HEAD_REVIEW: 'purple',
  DEMOTION_PROPOSAL: 'magenta',
  DISMISSAL_PROPOSAL: 'red',
  HONOUR_CERTIFICATE: 'cyan',
  PROMOTION_RECOMMENDATION: 'blue',
};
const APPEAL_COLOR = { PENDING: 'warning', UPHELD: 'default', OVERTURNED: 'success' } as const;

/** Figures that are identifiers, not grounds to show. */
const HIDDEN_FIGURES = new Set(['ticketId']);

export function ItemStatusTag({ status }: { status: TIncentiveItem['status'] }) {
  const { t } = useTranslation('incentives');
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="item-status" data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

export function KindTag({ kind }: { kind: TIncentiveItem['kind'] }) {
  const { t } = useTranslation('incentives');
  return <Tag color={KIND_COLOR[kind]}>{t(`kind.${kind}`)}</Tag>;
}

export function AppealTag({ appeal }: { appeal: TIncentiveItem['appeals'][number] }) {
  const { t } = useTranslation('incentives');
  return (
    <Tag color={APPEAL_COLOR[appeal.status]} data-testid="appeal-status" data-status={appeal.status}>
      {t(`appealStatus.${appeal.status}`)}
    </Tag>
  );
}

/**
 * Money of an item: bonuses as they are, deductions negative and red; "—" for measures without
 * money. A deduction cut by the month's cap shows what is deducted and "capped at …", with the
 * uncapped amount in its tooltip (docs/rules.md#r-inc-11-deduction-cap).
 */
export function Amount({ item }: { item: Pick<TIncentiveItem, 'amountFen' | 'kind' | 'figures'> }) {
  const { t } = useTranslation('incentives');
  if (item.amountFen === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const deduction = item.kind === 'DEDUCTION';
  const amount = (
    <Typography.Text
      style={{ color: deduction ? deductionColor(item.amountFen) : undefined }}
      data-testid="item-amount"
    >
      {deduction ? formatDeduction(item.amountFen) : formatYuan(item.amountFen)}
    </Typography.Text>
  );
  const { uncappedFen, deductionCapFen } = item.figures;
  if (!deduction || typeof uncappedFen !== 'number' || typeof deductionCapFen !== 'number') return amount;
  return (
    <Space orientation="vertical" size={0} align="end">
      {amount}
      <Tooltip title={t('sheet.cappedFrom', { amount: formatYuan(uncappedFen) })}>
        <Typography.Text type="secondary" style={{ fontSize: 12, cursor: 'help' }} data-testid="item-capped">
          {t('sheet.capped', { cap: formatYuan(deductionCapFen) })}
        </Typography.Text>
      </Tooltip>
    </Space>
  );
}

/** The figures behind an item, each labelled and in its unit. */
export function Figures({ item }: { item: TIncentiveItem }) {
  const { t } = useTranslation('incentives');
  const entries = Object.entries(item.figures).filter(([k]) => !HIDDEN_FIGURES.has(k));
  if (entries.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[8, 0]} wrap data-testid="item-figures">
      {entries.map(([k, v]) => (
        <Typography.Text key={k} style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`figure.${k}`, { defaultValue: k })}
          </Typography.Text>{' '}
          {formatFigure(k, v)}
        </Typography.Text>
      ))}
    </Space>
  );
}

/** What triggered an item, in a sentence of the current language. */
/** Every figure's formatted value by name, '—' where the item has none. */
function useFigureValues(): (item: TIncentiveItem) => Record<string, string> {
  const { t } = useTranslation('incentives');
  return (item) => {
    const values: Record<string, string> = {};
    for (const k of Object.keys(t('figure', { returnObjects: true }) as Record<string, string>))
      values[k] = '—';
    for (const [k, v] of Object.entries(item.figures)) values[k] = formatFigure(k, v);
    return values;
  };
}

export function useRuleExplanation(): (item: TIncentiveItem) => string {
  const { t } = useTranslation('incentives');
  const figures = useFigureValues();
  return (item) => t(`ruleHelp.${item.rule}`, figures(item));
}

const MARK = '\u0001';

/**
 * The explanation as text that wraps between words but never inside a figure: an amount, a rate or
 * a month ("2026-10") stays on one line (docs/product.md, Tables).
 */
export function RuleExplanation({ item }: { item: TIncentiveItem }) {
  const { t } = useTranslation('incentives');
  const values = useFigureValues()(item);
  const marks = Object.fromEntries(Object.keys(values).map((k) => [k, `${MARK}${k}${MARK}`]));
  const parts = t(`ruleHelp.${item.rule}`, marks).split(MARK);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="hf-nowrap">
            {values[part]}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** The explanation, reason, decision, remediation window and appeals of an item, for its expanded row. */
export function ItemDetails({ item }: { item: TIncentiveItem }) {
  const { t } = useTranslation('incentives');
  return (
    <Space orientation="vertical" size={4} data-testid="item-details" style={{ width: '100%' }}>
      <Typography.Text data-testid="item-explanation">
        <Typography.Text type="secondary">{t('lbl.explanation')}</Typography.Text>
        <RuleExplanation item={item} />
      </Typography.Text>
      {item.reason ? (
        <Typography.Text>
          <Typography.Text type="secondary">{t('lbl.reason')}</Typography.Text>
          {item.reason}
        </Typography.Text>
      ) : null}
      {item.evidence ? (
        <Typography.Text>
          <Typography.Text type="secondary">{t('lbl.evidence')}</Typography.Text>
          <EvidenceText evidence={item.evidence} />
        </Typography.Text>
      ) : null}
      {item.remediationDueAt ? (
        <Typography.Text type="secondary">
          {t('sheet.remediationDue', { at: formatDateTime(item.remediationDueAt) })}
          {item.remediationCheckedAt
            ? ` · ${t('sheet.remediationChecked', { at: formatDateTime(item.remediationCheckedAt) })}`
            : ''}
        </Typography.Text>
      ) : null}
      {item.appeals.map((a) => (
        <Space key={a.id} orientation="vertical" size={0}>
          <Space size={6}>
            <AppealTag appeal={a} />
            <Typography.Text type="secondary">
              {t('sheet.appealBy', { name: a.userName, at: formatDateTime(a.createdAt) })}
            </Typography.Text>
          </Space>
          <Typography.Text>
            <Typography.Text type="secondary">{t('lbl.appealReason')}</Typography.Text>
            {a.reason}
          </Typography.Text>
          {a.decisionReason ? (
            <Typography.Text>
              <Typography.Text type="secondary">{t('lbl.decisionReason')}</Typography.Text>
              {a.decidedByName ? `${a.decidedByName} · ` : ''}
              {a.decisionReason}
            </Typography.Text>
          ) : null}
        </Space>
      ))}
    </Space>
  );
}

/** Who decided an item, when, and their comment. */
export function Decision({ item }: { item: TIncentiveItem }) {
  const { t } = useTranslation('incentives');
  if (!item.decidedAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const comment =
    item.decisionComment === 'APPEAL_OVERTURNED' ? t('sheet.withdrawnByAppeal') : item.decisionComment;
  return (
    <Space orientation="vertical" size={0} style={{ fontSize: 12 }}>
      <Typography.Text className="hf-nowrap" style={{ fontSize: 12 }}>
        {item.decidedByName ?? '—'} · {formatDateTime(item.decidedAt)}
      </Typography.Text>
      {comment ? (
        <Typography.Text
          type="secondary"
          className="hf-wrap"
          style={{ fontSize: 12 }}
          data-testid="decision-comment"
        >
          {comment}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/** The evidence of a manual item, as the sheet's expanded row and one's own items show it. */
/** A link inside a sentence: underlined, not told apart by its colour alone (WCAG 1.4.1). */
const INLINE_LINK = { textDecoration: 'underline' } as const;

export function EvidenceText({ evidence }: { evidence: NonNullable<TIncentiveItem['evidence']> }) {
  const { t } = useTranslation('incentives');
  return (
    <span data-testid="item-evidence">
      {evidence.text}
      {evidence.visits.length ? (
        <span data-testid="evidence-visits">
          {' · '}
          {t('manual.linkedVisits', { count: evidence.visits.length })}:{' '}
          {evidence.visits.map((v, i) => (
            <span key={v.id}>
              {i ? t('manual.separator') : ''}
              <Link to={`/workbench/tasks/${v.taskId}`} style={INLINE_LINK}>
                {v.customerName} {formatDateTime(v.startedAt)}
              </Link>
            </span>
          ))}
        </span>
      ) : null}
      {evidence.tickets.length ? (
        <span data-testid="evidence-tickets">
          {' · '}
          {t('manual.linkedTickets', { count: evidence.tickets.length })}:{' '}
          {evidence.tickets.map((x, i) => (
            <span key={x.id}>
              {i ? t('manual.separator') : ''}
              <Link to={`/tickets/${x.id}`} style={INLINE_LINK}>
                #{x.number} {x.title}
              </Link>
            </span>
          ))}
        </span>
      ) : null}
    </span>
  );
}
