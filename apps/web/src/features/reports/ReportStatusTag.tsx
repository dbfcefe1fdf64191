import type { TReportStatus } from '@huifang/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<TReportStatus, string> = {
  DRAFT: 'default',
  SUBMITTED: 'processing',
  APPROVED: 'success',
  RETURNED: 'error',
};

export function ReportStatusTag({ status }: { status: TReportStatus }) {
  const { t } = useTranslation('reports');
  return (
    <Tag color={COLORS[status]} data-testid="report-status">
      {t(`status.${status}`)}
    </Tag>
  );
}
