// The incentive policy's values as form fields: each with its group, unit and place in the values.
import type { TIncentivePolicyValues } from '@huifang/contracts';
import { DEDUCTION_CAP_KEYS, HEAD_REVIEW_TRIGGER_KEYS } from '@huifang/contracts/values';
import { bpToInput, fenToInput, formatDecimal, formatYuan, parseDecimal } from '../../lib/money';

export type Unit = 'pct' | 'yuan' | 'int' | 'decimal';
export type Group = 'targets' | 'gradeBands' | 'amounts' | 'thresholds' | 'deductions' | 'windows';

export interface FieldSpec {
  /** the form field's name and its label key (policy.field.<name>) */
  name: string;
  group: Group;
  unit: Unit;
  path: readonly string[];
  min: number;
  max: number;
  /** the unit word after the input: policy.<suffix> */
  suffix?: 'days' | 'months' | 'points';
  /** shown with the regulation clause it implements: policy.clause.<name> */
  clause?: boolean;
}

/** A value chosen among options (labels policy.option.<name>.<option>). */
export interface ChoiceSpec {
  name: string;
  group: Group;
  path: readonly string[];
  options: readonly string[];
  clause?: boolean;
}

const pct = (name: string, group: Group, path: string[], max = 10000): FieldSpec => ({
  name,
  group,
  unit: 'pct',
  path,
  min: 0,
  max,
});
const yuan = (name: string, path: string[]): FieldSpec => ({
  name,
  group: 'amounts',
  unit: 'yuan',
  path,
  min: 0,
  max: 100_000_000,
});
const int = (
  name: string,
  group: Group,
  path: string[],
  min: number,
  max: number,
  suffix: FieldSpec['suffix'],
): FieldSpec => ({ name, group, unit: 'int', path, min, max, suffix });

export const WEIGHT_KEYS = ['timeliness', 'completion', 'process', 'content', 'records', 'cost'] as const;

export const FIELDS: FieldSpec[] = [
  pct('completionTarget', 'targets', ['targets', 'completionBp']),
  pct('passRateTarget', 'targets', ['targets', 'passRateBp']),
  {
    name: 'satisfactionTarget',
    group: 'targets',
    unit: 'decimal',
    path: ['targets', 'satisfactionHundredths'],
    min: 100,
    max: 500,
  },
  ...(['A', 'B', 'C', 'D'] as const).map(
    (g): FieldSpec => ({
      name: `grade${g}`,
      group: 'gradeBands',
      unit: 'decimal',
      path: ['gradeBands', g],
      min: 0,
      max: 10000,
      suffix: 'points',
    }),
  ),
  yuan('performanceBonus', ['performanceBonusFen']),
  yuan('dailyPay', ['dailyPayFen']),
  yuan('costBudget', ['costBudgetPerVisitFen']),
  yuan('excellentAmount', ['excellentCaller', 'amountFen']),
  ...(['A', 'B', 'C', 'D', 'E'] as const).map((g) => yuan(`gradeBonus${g}`, ['gradeBonusFen', g])),
  yuan('teamAward', ['teamAwardFen']),
  yuan('specialAward', ['specialAwardFen']),
  pct('excellentCompletion', 'thresholds', ['excellentCaller', 'minCompletionBp']),
  pct('excellentPassRate', 'thresholds', ['excellentCaller', 'minPassRateBp']),
  pct('excellentImprovement', 'thresholds', ['excellentCaller', 'minImprovementBp'], 100000),
  {
    ...pct('teamAwardImprovement', 'thresholds', ['teamAwardMinImprovementBp'], 100000),
    clause: true,
  },
  pct('warningBelow', 'thresholds', ['warning', 'belowCompletionBp']),
  pct('retrainingBelow', 'thresholds', ['retraining', 'belowPassRateBp']),
  pct('warningDeduction', 'deductions', ['warning', 'deductionBp']),
  int('gradeEImprovement', 'windows', ['gradeE', 'improvementDays'], 0, 90, 'days'),
  pct('conductDeduction', 'deductions', ['conduct', 'deductionBp']),
  int('headReviewMonths', 'deductions', ['headReview', 'consecutiveMonths'], 1, 12, 'months'),
  pct('headReviewDeduction', 'deductions', ['headReview', 'deductionBp']),
  int('gradeEMonths', 'deductions', ['gradeE', 'consecutiveMonths'], 1, 12, 'months'),
  pct('gradeEDeduction', 'deductions', ['gradeE', 'deductionBp']),
  int('remediationDays', 'windows', ['warning', 'remediationDays'], 1, 60, 'days'),
  int('appealWindow', 'windows', ['appealWindowDays'], 0, 90, 'days'),
];

export const CHOICES: ChoiceSpec[] = [
  {
    name: 'headReviewTrigger',
    group: 'deductions',
    path: ['headReview', 'trigger'],
    options: HEAD_REVIEW_TRIGGER_KEYS,
    clause: true,
  },
  {
    name: 'deductionCap',
    group: 'deductions',
    path: ['deductionCap'],
    options: DEDUCTION_CAP_KEYS,
    clause: true,
  },
];

export const GROUPS: Group[] = ['targets', 'gradeBands', 'amounts', 'thresholds', 'deductions', 'windows'];

type Json = Record<string, unknown>;
function getAt<T = number>(values: unknown, path: readonly string[]): T {
  return path.reduce<unknown>((o, k) => (o as Json)[k], values) as T;
}
function setAt(values: Json, path: readonly string[], n: number | string): void {
  let o = values;
  for (const k of path.slice(0, -1)) o = o[k] as Json;
  o[path.at(-1)!] = n;
}

/** The integer a field's typed text stands for, or null when it is not valid for the field. */
export function parseField(f: FieldSpec, raw: unknown): number | null {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
  const n = parseDecimal(text, f.unit === 'int' ? 0 : 2);
  if (n === null || n < f.min || n > f.max) return null;
  return n;
}

/** A stored value as the text of its input. */
export function fieldInput(f: FieldSpec, n: number): string {
  if (f.unit === 'yuan') return fenToInput(n);
  if (f.unit === 'pct') return bpToInput(n);
  if (f.unit === 'decimal') return formatDecimal(n, 2);
  return String(n);
}

/** A stored value for reading. */
export function fieldDisplay(f: FieldSpec, n: number): string {
  if (f.unit === 'yuan') return formatYuan(n);
  if (f.unit === 'pct') return `${formatDecimal(n, 2)}%`;
  if (f.unit === 'decimal') return formatDecimal(n, 2);
  return String(n);
}

export const fieldValue = (f: FieldSpec, values: TIncentivePolicyValues) => getAt(values, f.path);
export const choiceValue = (c: ChoiceSpec, values: TIncentivePolicyValues) => getAt<string>(values, c.path);

export interface PolicyForm {
  weights: Record<string, number>;
  [name: string]: unknown;
}

export function toForm(values: TIncentivePolicyValues): PolicyForm {
  const form: PolicyForm = { weights: { ...values.weights } };
  for (const f of FIELDS) form[f.name] = fieldInput(f, getAt(values, f.path));
  for (const c of CHOICES) form[c.name] = getAt<string>(values, c.path);
  return form;
}

/** The policy values a filled form stands for (fields already validated), over a base for structure. */
export function fromForm(form: PolicyForm, base: TIncentivePolicyValues): TIncentivePolicyValues {
  const values = structuredClone(base) as unknown as Json;
  for (const f of FIELDS) {
    const n = parseField(f, form[f.name]);
    if (n === null) throw new Error(`invalid ${f.name}`);
    setAt(values, f.path, n);
  }
  for (const c of CHOICES) {
    const v = form[c.name];
    if (typeof v !== 'string' || !c.options.includes(v)) throw new Error(`invalid ${c.name}`);
    setAt(values, c.path, v);
  }
  const v = values as unknown as TIncentivePolicyValues;
  for (const k of WEIGHT_KEYS) v.weights[k] = Number(form.weights[k] ?? 0);
  return v;
}

export function weightSum(weights: Partial<Record<string, number | null>> | undefined): number {
  return WEIGHT_KEYS.reduce((s, k) => s + (Number(weights?.[k]) || 0), 0);
}
