import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** Switches between the enquiry list and the funnel. */
export function EnquiryTabs({ value }: { value: 'list' | 'funnel' }) {
  const { t } = useTranslation('enquiries');
  const navigate = useNavigate();
  return (
    <Segmented
      value={value}
      onChange={(v) => navigate(v === 'list' ? '/enquiries' : '/enquiries/funnel')}
      options={[
        { value: 'list', label: t('tabs.list') },
        { value: 'funnel', label: t('tabs.funnel') },
      ]}
      data-testid="enquiry-tabs"
    />
  );
}
