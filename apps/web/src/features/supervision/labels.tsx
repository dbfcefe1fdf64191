import type { TAppealStatus, TFinding, TInspectionStatus } from '@huifang/contracts';
import { Space, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';

const STATUS_COLOR: Record<TInspectionStatus, string> = {
  PENDING: 'default',
  IN_PROGRESS: 'processing',
  SUBMITTED: 'blue',
};

export function StatusTag({ value }: { value: TInspectionStatus }) {
  const { t } = useTranslation('supervision');
  return (
    <Tag color={STATUS_COLOR[value]} data-testid="inspection-status">
      {t(`status.${value}`)}
    </Tag>
  );
}

/** Pass / fail, with "overturned" when an appeal turned a failure into a pass. */
export function ResultTag({
  passed,
  effectivePassed,
}: {
  passed: boolean | null;
  effectivePassed: boolean | null;
}) {
  const { t } = useTranslation('supervision');
  if (effectivePassed === null) return <span>{t('common:none')}</span>;
  if (effectivePassed && passed === false)
    return (
      <Tag color="green" data-testid="inspection-result">
        {t('result.overturned')}
      </Tag>
    );
  return (
    <Tag color={effectivePassed ? 'green' : 'red'} data-testid="inspection-result">
      {effectivePassed ? t('result.pass') : t('result.fail')}
    </Tag>
  );
}

export function FindingTags({ values }: { values: TFinding[] }) {
  const { t } = useTranslation('supervision');
  if (!values.length) return <span>{t('common:none')}</span>;
  return (
    <Space size={[0, 4]} wrap>
      {values.map((f) => (
        <Tag key={f} color={f === 'FABRICATED' ? 'red' : 'orange'}>
          {t(`finding.${f}`)}
        </Tag>
      ))}
    </Space>
  );
}

const APPEAL_COLOR: Record<TAppealStatus, string> = {
  PENDING: 'gold',
  UPHELD: 'default',
  OVERTURNED: 'green',
};

export function AppealTag({ value }: { value: TAppealStatus | null }) {
  const { t } = useTranslation('supervision');
  if (!value) return <span>{t('common:none')}</span>;
  return (
    <Tag color={APPEAL_COLOR[value]} data-testid="appeal-status">
      {t(`appealStatus.${value}`)}
    </Tag>
  );
}

/** A translated sentence for a failed request: by details.reason, then the code; never the server's English. */
export function errorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('common:error.network');
  const d = (error.details ?? undefined) as { reason?: unknown } | undefined;
  const keys = [
    typeof d?.reason === 'string' ? `supervision:error.${d.reason}` : '',
    `supervision:error.${error.code}`,
    error.code === 'STALE_VERSION' ? 'common:error.stale' : '',
    error.code === 'FORBIDDEN' ? 'common:error.forbidden' : '',
    'common:error.generic',
  ].filter(Boolean);
  return t(keys);
}
