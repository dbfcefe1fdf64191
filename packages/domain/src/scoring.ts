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
      if (!s.comment?.trim()) errors.push({ criterionId: c.id, code: 'COMMENT_REQUIRED' });
    }
    if (c.critical && (s.failed === true || isLow)) failedCritical.push(c.id);
  }

  const missing = criteria.filter((c) => !seen.has(c.id)).map((c) => c.id);
  const criticalFailed = failedCritical.length > 0 || options.forceCriticalFail === true;
  const passed = total >= threshold && !criticalFailed && missing.length === 0 && errors.length === 0;
  return { total, criticalFailed, failedCritical, passed, missing, errors, low };
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
