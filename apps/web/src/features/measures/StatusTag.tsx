import type { TMeasureOutcome, TMeasureStatus } from '@huifang/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<TMeasureStatus, string> = {
  DRAFT: 'default',
  APPROVED: 'blue',
  IN_PROGRESS: 'processing',
  DONE: 'cyan',
  EVALUATED: 'green',
};
const OUTCOME_COLORS: Record<TMeasureOutcome, string> = {
  EFFECTIVE: 'success',
  NOT_EFFECTIVE: 'error',
  INCONCLUSIVE: 'warning',
};

export function MeasureStatusTag({ status, testId }: { status: TMeasureStatus; testId?: string }) {
  const { t } = useTranslation('measures');
  return (
    <Tag color={COLORS[status]} data-testid={testId}>
      {t(`status.${status}`)}
    </Tag>
  );
}

export function OutcomeTag({ outcome }: { outcome: TMeasureOutcome | null }) {
  const { t } = useTranslation('measures');
  if (!outcome) return null;
  return (
    <Tag color={OUTCOME_COLORS[outcome]} data-testid="measure-outcome">
      {t(`outcome.${outcome}`)}
    </Tag>
  );
}
