// Scoring an inspection against a rubric (docs/rules.md#r-insp-2-inspection-scoring-and-pass): weighted criteria summing to 100,
// critical items (否决项) that fail the inspection whatever the total, and a pass threshold.
// Shared by the API (the score of record) and the web app (the live total while scoring).

export interface ScoringCriterion {
  id: string;
  name: string;
  /** the most points this criterion gives; a rubric's weights sum to 100 */
  weight: number;
  critical: boolean;
  guidance?: string | null;
}

export interface ScoringScore {
  criterionId: string;
  /** whole points, 0..weight */
  score: number;
  /** a critical item the inspector marks failed, whatever its score */
  failed?: boolean | null;
  comment?: string | null;
}

export type ScoreErrorCode =
  | 'UNKNOWN_CRITERION'
  | 'DUPLICATE_SCORE'
  | 'NOT_INTEGER'
  | 'OUT_OF_RANGE'
  | 'COMMENT_REQUIRED';

export interface ScoreError {
  criterionId: string;
  code: ScoreErrorCode;
}

export interface ScoreResult {
  /** sum of the valid scores given */
  total: number;
  /** a critical criterion is failed (marked, below 60 % of its weight, or forced) */
  criticalFailed: boolean;
  /** the critical criteria that failed */
  failedCritical: string[];
  /** total ≥ threshold, no critical failure, every criterion scored, no error */
  passed: boolean;
  /** criteria of the rubric without a score */
  missing: string[];
  errors: ScoreError[];
  /** criteria whose score needs a comment (below 60 % of the weight) */
  low: string[];
}

export interface ScoreOptions {
  /** fail the inspection as if a critical item failed (a call-back finding no visit took place) */
  forceCriticalFail?: boolean;
  /**
   * a low score needs no comment (a manager's appeal decision recomputes a result whose comments
   * are the inspector's: docs/rules.md#r-appeal-3-item-level-appeal-decision)
   */
  commentsOptional?: boolean;
}

/** Below 60 % of the weight: a low score, which needs a comment and fails a critical item. */
export function isLowScore(score: number, weight: number): boolean {
  return score * 10 < weight * 6;
}

export function scoreInspection(
  criteria: readonly ScoringCriterion[],
  scores: readonly ScoringScore[],
  threshold: number,
  options: ScoreOptions = {},
): ScoreResult {
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const errors: ScoreError[] = [];
  const failedCritical: string[] = [];
  const low: string[] = [];
  let total = 0;

  for (const s of scores) {
    const c = byId.get(s.criterionId);
    if (!c) {
      errors.push({ criterionId: s.criterionId, code: 'UNKNOWN_CRITERION' });
      continue;
    }
    if (seen.has(c.id)) {
      errors.push({ criterionId: c.id, code: 'DUPLICATE_SCORE' });
      continue;
    }
    seen.add(c.id);
    if (!Number.isInteger(s.score)) {
      errors.push({ criterionId: c.id, code: 'NOT_INTEGER' });
      continue;
    }
    if (s.score < 0 || s.score > c.weight) {
      errors.push({ criterionId: c.id, code: 'OUT_OF_RANGE' });
      continue;
    }
    total += s.score;
    const isLow = isLowScore(s.score, c.weight);
    if (isLow) {
      low.push(c.id);
      if (!s.comment?.trim() && !options.commentsOptional)
        errors.push({ criterionId: c.id, code: 'COMMENT_REQUIRED' });
    }
    if (c.critical && (s.failed === true || isLow)) failedCritical.push(c.id);
  }

  const missing = criteria.filter((c) => !seen.has(c.id)).map((c) => c.id);
  const criticalFailed = failedCritical.length > 0 || options.forceCriticalFail === true;
  const passed = total >= threshold && !criticalFailed && missing.length === 0 && errors.length === 0;
  return { total, criticalFailed, failedCritical, passed, missing, errors, low };
}

export interface ItemOverturn {
  criterionId: string;
  /** the score the item gets; default: the caller's proposed score, else the full weight */
  score?: number | null;
}

export interface AppealedItem {
  criterionId: string;
  proposedScore?: number | null;
}

export type OverturnErrorCode =
  | 'NO_ITEMS'
  | 'UNKNOWN_CRITERION'
  | 'DUPLICATE_ITEM'
  | 'NOT_APPEALED'
  | 'NOT_SCORED'
  | 'NOT_INTEGER'
  | 'OUT_OF_RANGE'
  | 'NOT_RAISED'
  | 'UNCHANGED';

export interface OverturnError {
  /** '' for an error of the whole decision (NO_ITEMS) */
  criterionId: string;
  code: OverturnErrorCode;
}

export interface ItemChange {
  criterionId: string;
  from: number;
  to: number;
  /** a critical item the inspector had marked failed, cleared by the decision */
  clearedFail: boolean;
}

export interface RescoreResult {
  /** the scores after the decision (in the order they were given) */
  scores: ScoringScore[];
  changes: ItemChange[];
  /** the recomputed result (total, critical fail, pass) */
  result: ScoreResult;
  /** why the decision cannot be applied; when not empty, nothing else is meaningful */
  errors: OverturnError[];
}

/**
 * A manager overturns chosen items of an appealed inspection (docs/rules.md#r-appeal-3-item-level-appeal-decision):
 * each item gets a new score (never lower than the inspector's, at most the weight) and a critical
 * item is no longer marked failed; the total, the critical fail and the pass are recomputed by
 * scoreInspection over the new scores. When the appeal names items, only those can be overturned.
 * A forced critical fail (a call-back finding no visit took place) stays: only overturning the
 * whole inspection clears it.
 */
export function rescoreAfterAppeal(
  criteria: readonly ScoringCriterion[],
  scores: readonly ScoringScore[],
  overturns: readonly ItemOverturn[],
  threshold: number,
  options: { appealed?: readonly AppealedItem[]; forceCriticalFail?: boolean } = {},
): RescoreResult {
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const current = new Map(scores.map((s) => [s.criterionId, s]));
  const appealed = new Map((options.appealed ?? []).map((a) => [a.criterionId, a]));
  const errors: OverturnError[] = [];
  const changes: ItemChange[] = [];
  const seen = new Set<string>();
  if (overturns.length === 0) errors.push({ criterionId: '', code: 'NO_ITEMS' });
  for (const o of overturns) {
    const c = byId.get(o.criterionId);
    const err = (code: OverturnErrorCode) => errors.push({ criterionId: o.criterionId, code });
    if (!c) {
      err('UNKNOWN_CRITERION');
      continue;
    }
    if (seen.has(c.id)) {
      err('DUPLICATE_ITEM');
      continue;
    }
    seen.add(c.id);
    if (appealed.size > 0 && !appealed.has(c.id)) {
      err('NOT_APPEALED');
      continue;
    }
    const before = current.get(c.id);
    if (!before) {
      err('NOT_SCORED');
      continue;
    }
    const to = o.score ?? appealed.get(c.id)?.proposedScore ?? c.weight;
    if (!Number.isInteger(to)) {
      err('NOT_INTEGER');
      continue;
    }
    if (to < 0 || to > c.weight) {
      err('OUT_OF_RANGE');
      continue;
    }
    if (to < before.score) {
      err('NOT_RAISED');
      continue;
    }
    const clearedFail = c.critical && before.failed === true;
    if (to === before.score && !clearedFail) {
      err('UNCHANGED');
      continue;
    }
    changes.push({ criterionId: c.id, from: before.score, to, clearedFail });
  }
  const changed = new Map(changes.map((ch) => [ch.criterionId, ch]));
  const next = scores.map((s) => {
    const ch = changed.get(s.criterionId);
    return ch ? { ...s, score: ch.to, failed: byId.get(s.criterionId)?.critical ? false : s.failed } : s;
  });
  const result = scoreInspection(criteria, next, threshold, {
    forceCriticalFail: options.forceCriticalFail,
    commentsOptional: true,
  });
  return { scores: next, changes, result, errors };
}

export type RubricErrorCode =
  | 'NO_CRITERIA'
  | 'ID_EMPTY'
  | 'DUPLICATE_ID'
  | 'NAME_EMPTY'
  | 'WEIGHT_NOT_POSITIVE_INTEGER'
  | 'WEIGHTS_NOT_100';

export interface RubricError {
  /** index of the criterion; absent for errors of the whole rubric */
  index?: number;
  code: RubricErrorCode;
}

/** Weights are positive whole numbers summing to exactly 100; ids unique; names not blank. */
export function validateRubric(
  criteria: readonly Pick<ScoringCriterion, 'id' | 'name' | 'weight'>[],
): RubricError[] {
  if (criteria.length === 0) return [{ code: 'NO_CRITERIA' }];
  const errors: RubricError[] = [];
  const ids = new Set<string>();
  let sum = 0;
  criteria.forEach((c, index) => {
    const id = (c.id ?? '').trim();
    if (!id) errors.push({ index, code: 'ID_EMPTY' });
    else if (ids.has(id)) errors.push({ index, code: 'DUPLICATE_ID' });
    ids.add(id);
    if (!(c.name ?? '').trim()) errors.push({ index, code: 'NAME_EMPTY' });
    if (!Number.isInteger(c.weight) || c.weight <= 0)
      errors.push({ index, code: 'WEIGHT_NOT_POSITIVE_INTEGER' });
    else sum += c.weight;
  });
  if (sum !== 100) errors.push({ code: 'WEIGHTS_NOT_100' });
  return errors;
}

/** The sum of the weights (for a live "must be 100" display). */
export function rubricWeightSum(criteria: readonly { weight: number }[]): number {
  return criteria.reduce((s, c) => s + (Number.isFinite(c.weight) ? c.weight : 0), 0);
}
