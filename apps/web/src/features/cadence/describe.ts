import type { TCadenceDefinition } from '@huifang/contracts';

type T = (key: string, options?: Record<string, unknown>) => string;

/** A rule's visits in words: "手术后 第1天起（2天内）· …" / "Surgery: from day 1 (within 2 days) · …". */
export function describeVisits(d: TCadenceDefinition, t: T): string {
  const event = t(`customers:eventKind.${d.trigger.eventKind}`);
  if (d.trigger.kind === 'AFTER_EVENT') {
    const visits = d.trigger.offsets.map((o) =>
      t('cadence:describe.offset', {
        after: t(`cadence:unitAfter.${o.unit}`, { count: o.amount }),
        window: o.windowDays,
      }),
    );
    return t('cadence:describe.afterEvent', { event, visits: visits.join(t('cadence:describe.sep')) });
  }
  const periods = (['HIGH', 'MID', 'LOW'] as const)
    .filter((tier) => d.trigger.kind === 'EVERY_MONTHS' && d.trigger.everyMonths[tier])
    .map((tier) =>
      t('cadence:describe.period', {
        tier: t(`common:tier.${tier}`),
        months: d.trigger.kind === 'EVERY_MONTHS' ? d.trigger.everyMonths[tier] : 0,
      }),
    );
  return t('cadence:describe.everyMonths', {
    event,
    periods: periods.join(t('cadence:describe.sep')),
    window: d.trigger.windowDays,
  });
}

/** A share in basis points as a percentage: 5000 → "50%", 1250 → "12.5%". */
export const sharePercent = (bp: number) => `${Number((bp / 100).toFixed(2))}%`;
