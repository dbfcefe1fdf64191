import type { TEnquiryReason, TEnquiryStatus } from '@huifang/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLOR: Record<TEnquiryStatus, string> = { OPEN: 'blue', ENROLLED: 'green', NOT_ENROLLED: 'default' };

export function EnquiryStatusTag({ status }: { status: TEnquiryStatus }) {
  const { t } = useTranslation('enquiries');
  return (
    <Tag color={COLOR[status]} data-testid="enquiry-status">
      {t(`status.${status}`)}
    </Tag>
  );
}

/** A churn reason in the language in use (its English label when there is one). */
export function useReasonLabel() {
  const { i18n } = useTranslation();
  return (r: TEnquiryReason) => (i18n.language === 'en' && r.labelEn ? r.labelEn : r.label);
}
