import type { TChannel, TSegment, TTier } from '@huifang/contracts';
import { CHANNELS, SEGMENTS, TIERS } from '@huifang/contracts/values';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const SEGMENT_COLOR: Record<TSegment, string> = {
  PROSPECT: 'default',
  NEW_ENROLLEE: 'blue',
  STUDENT: 'geekblue',
  GRADUATE: 'green',
  KEY_ACCOUNT: 'gold',
  CHURNED: 'volcano',
};
const TIER_COLOR: Record<TTier, string> = { HIGH: 'red', MID: 'orange', LOW: 'default' };

const ENUMS = { segment: SEGMENTS, tier: TIERS, channel: CHANNELS } as const;
export type EnumKind = keyof typeof ENUMS;

/** Select options of a customer enum (`segment`, `tier`, `channel`), labelled in the current language. */
export function useEnumOptions() {
  const { t } = useTranslation();
  return (kind: EnumKind) => ENUMS[kind].map((value) => ({ value, label: t(`${kind}.${value}`) }));
}

export function SegmentTag({ value }: { value: TSegment }) {
  const { t } = useTranslation();
  return <Tag color={SEGMENT_COLOR[value]}>{t(`segment.${value}`)}</Tag>;
}

export function TierTag({ value }: { value: TTier }) {
  const { t } = useTranslation();
  return <Tag color={TIER_COLOR[value]}>{t(`tier.${value}`)}</Tag>;
}

export function ConsentTag({ refuses }: { refuses: boolean }) {
  const { t } = useTranslation('customers');
  return refuses ? (
    <Tag color="red" data-testid="consent-refused">
      {t('consent.refused')}
    </Tag>
  ) : (
    <Tag color="green">{t('consent.accepted')}</Tag>
  );
}

/** `电话 · 09:00 ～ 12:00`, or `--` without a preference. */
export function Preference({
  channel,
  from,
  to,
}: {
  channel: TChannel | null;
  from: string | null;
  to: string | null;
}) {
  const { t } = useTranslation();
  const parts = [channel ? t(`channel.${channel}`) : null, from && to ? `${from} ～ ${to}` : null].filter(
    Boolean,
  );
  if (parts.length === 0) return <Typography.Text type="secondary">--</Typography.Text>;
  return <span>{parts.join(' · ')}</span>;
}
