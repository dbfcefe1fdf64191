import type { TChurnCase, TChurnCaseStatus, TChurnReason } from '@huifang/contracts';
import { CHURN_CATEGORIES } from '@huifang/contracts/values';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const STATUS_COLOR: Record<TChurnCaseStatus, string> = {
  SUGGESTED: 'gold',
  CONFIRMED: 'red',
  DISMISSED: 'default',
};

export function ChurnStatusTag({ status }: { status: TChurnCaseStatus }) {
  const { t } = useTranslation('churn');
  return <Tag color={STATUS_COLOR[status]}>{t(`status.${status}`)}</Tag>;
}

/** A reason's label in the language in use (the Chinese one when no English was given). */
export function useReasonLabel() {
  const { i18n } = useTranslation();
  return (r: Pick<TChurnReason, 'label' | 'labelEn'> | null | undefined) =>
    r ? (i18n.language === 'en' && r.labelEn ? r.labelEn : r.label) : '';
}

/** The active reasons as select options grouped by category (a retired one only when it is the current value). */
export function useReasonOptions(reasons: TChurnReason[] | undefined, current?: string | null) {
  const { t } = useTranslation('churn');
  const label = useReasonLabel();
  return CHURN_CATEGORIES.map((c) => ({
    label: t(`category.${c}`),
    title: c,
    options: (reasons ?? [])
      .filter((r) => r.category === c && (r.active || r.id === current))
      .map((r) => ({ value: r.id, label: label(r) })),
  })).filter((g) => g.options.length > 0);
}

/** Who the case is about: the customer, or the enquiry that never became one; phones masked. */
export function Who({ c }: { c: Pick<TChurnCase, 'customer' | 'enquiry'> }) {
  const { t } = useTranslation('churn');
  if (c.customer)
    return (
      <span>
        {c.customer.name} <Typography.Text type="secondary">{c.customer.phone}</Typography.Text>
      </span>
    );
  if (c.enquiry)
    return (
      <span>
        {c.enquiry.name} <Typography.Text type="secondary">{c.enquiry.phone}</Typography.Text>{' '}
        <Tag>{t('enquiryTag', { number: c.enquiry.number })}</Tag>
      </span>
    );
  return <span>--</span>;
}

/** What the evidence showed, in a line. */
export function EvidenceText({ c }: { c: TChurnCase }) {
  const { t } = useTranslation('churn');
  const e = c.evidence as Record<string, string | number | null | undefined>;
  if (!c.evidenceKind) return <span>{t('evidence.manual')}</span>;
  switch (c.evidenceKind) {
    case 'DECLINED_VISIT':
      return <span>{t('evidence.DECLINED_VISIT', { text: e.opinions || e.suggestions || '' })}</span>;
    case 'LOW_SATISFACTION':
      return <span>{t('evidence.LOW_SATISFACTION', { satisfaction: e.satisfaction })}</span>;
    case 'REFUND_EVENT':
      return <span>{t('evidence.REFUND_EVENT', { day: e.day, note: e.note ?? '' })}</span>;
    case 'COMPLAINT_NO_ATTENDANCE':
      return (
        <span>
          {t('evidence.COMPLAINT_NO_ATTENDANCE', {
            number: e.ticketNumber,
            title: e.title,
            days: e.quietDays,
          })}
        </span>
      );
  }
}

/** Where the evidence can be seen: the ticket, or the customer's page (their visits and events). */
export function evidenceLink(c: TChurnCase): string | null {
  if (c.evidenceKind === 'COMPLAINT_NO_ATTENDANCE' && c.evidenceId) return `/tickets/${c.evidenceId}`;
  if (c.evidenceKind && c.customer) return `/customers/${c.customer.id}`;
  return null;
}
