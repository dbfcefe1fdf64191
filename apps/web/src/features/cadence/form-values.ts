import type { TCadenceDefinition } from '@huifang/contracts';
import type { CADENCE_UNITS, TIERS } from '@huifang/contracts/values';

export type Offset = {
  key?: string;
  amount: number;
  unit: (typeof CADENCE_UNITS)[number];
  windowDays: number;
};
export interface Values {
  name: string;
  enabled: boolean;
  kind: 'AFTER_EVENT' | 'EVERY_MONTHS';
  eventKind: TCadenceDefinition['trigger']['eventKind'];
  offsets: Offset[];
  everyMonths: Partial<Record<(typeof TIERS)[number], number | null>>;
  windowDays: number;
  sharePercent: number;
  purpose: string;
  channel: TCadenceDefinition['channel'];
  doer: TCadenceDefinition['doer'];
  teamId: string | null;
  questionnaireId: string | null;
  noticeWeekAhead: boolean;
}

export const BLANK: Values = {
  name: '',
  enabled: true,
  kind: 'AFTER_EVENT',
  eventKind: 'SURGERY',
  offsets: [{ amount: 1, unit: 'DAY', windowDays: 2 }],
  everyMonths: { HIGH: 3, MID: 6, LOW: 12 },
  windowDays: 14,
  sharePercent: 100,
  purpose: '',
  channel: 'PHONE',
  doer: 'CALLER',
  teamId: null,
  questionnaireId: null,
  noticeWeekAhead: false,
};

export function toValues(d: TCadenceDefinition): Values {
  return {
    ...BLANK,
    name: d.name,
    enabled: d.enabled,
    kind: d.trigger.kind,
    eventKind: d.trigger.eventKind,
    ...(d.trigger.kind === 'AFTER_EVENT'
      ? { offsets: d.trigger.offsets.map((o) => ({ ...o })) }
      : { everyMonths: { ...d.trigger.everyMonths }, windowDays: d.trigger.windowDays }),
    sharePercent: d.shareBp / 100,
    purpose: d.purpose,
    channel: d.channel,
    doer: d.doer,
    teamId: d.teamId,
    questionnaireId: d.questionnaireId,
    noticeWeekAhead: d.noticeWeekAhead ?? false,
  };
}

/** A new offset's key: one not used by the rule yet (a kept offset keeps its key, so its visits are not made twice). */
function freshKey(used: Set<string>): string {
  for (let i = 1; ; i++) if (!used.has(`v${i}`)) return `v${i}`;
}

/** The form's values (only the fields of the kind shown are sent: the others are absent). */
export function toDefinition(v: Values): TCadenceDefinition {
  const used = new Set((v.offsets ?? []).map((o) => o.key).filter((k): k is string => !!k));
  const offsets = (v.offsets ?? []).map((o) => {
    const key = o.key ?? freshKey(used);
    used.add(key);
    return { key, amount: o.amount, unit: o.unit, windowDays: o.windowDays };
  });
  const everyMonths = Object.fromEntries(
    Object.entries(v.everyMonths ?? {}).filter(
      (e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0,
    ),
  );
  return {
    name: v.name.trim(),
    enabled: v.enabled,
    trigger:
      v.kind === 'AFTER_EVENT'
        ? { kind: 'AFTER_EVENT', eventKind: v.eventKind, offsets }
        : { kind: 'EVERY_MONTHS', eventKind: v.eventKind, everyMonths, windowDays: v.windowDays },
    shareBp: Math.round(v.sharePercent * 100),
    purpose: v.purpose.trim(),
    channel: v.channel,
    doer: v.doer,
    teamId: v.teamId ?? null,
    questionnaireId: v.questionnaireId ?? null,
    ...(v.noticeWeekAhead ? { noticeWeekAhead: true } : {}),
  };
}
