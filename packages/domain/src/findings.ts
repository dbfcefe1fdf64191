// What an inspection's findings mean for the rest of the loop, each list defined once and used by
// the API's SQL, the services and the web app (docs/rules.md#r-kpi-5-accuracy, #r-kpi-6-record-quality).
import type { TFinding, TInspectionMethod, TInspectionStatus } from '@huifang/contracts';
import { dayIn } from './time.ts';

/**
 * Findings about what the visit record says: an inspection with one of them (and not overturned)
 * is a content fault in the caller's accuracy dimension of the KPI. FABRICATED (the customer says
 * no visit happened) is the gravest of them.
 */
export const CONTENT_FAULT_FINDINGS = [
  'INACCURATE',
  'SCRIPT_DEVIATION',
  'FABRICATED',
] as const satisfies readonly TFinding[];

/** The finding that marks a record as needing correction (the record-quality dimension). */
export const RECORD_CORRECTION_FINDING = 'INCOMPLETE' as const satisfies TFinding;

/**
 * Findings about the caller's conduct towards the customer: the web app proposes a
 * CALLER_CONDUCT ticket when a failed inspection carries one of them.
 */
export const CONDUCT_FINDINGS = ['ATTITUDE', 'FABRICATED'] as const satisfies readonly TFinding[];

/** Inspections still to be done (not yet submitted). */
export const OPEN_INSPECTION_STATUSES = [
  'PENDING',
  'IN_PROGRESS',
] as const satisfies readonly TInspectionStatus[];

export function isContentFault(findings: readonly TFinding[]): boolean {
  return findings.some((f) => (CONTENT_FAULT_FINDINGS as readonly TFinding[]).includes(f));
}

export function suggestsConductTicket(findings: readonly TFinding[]): boolean {
  return findings.some((f) => (CONDUCT_FINDINGS as readonly TFinding[]).includes(f));
}

/**
 * A customer call-back that finds no visit took place: the record is fabricated. The inspection
 * then carries FABRICATED and fails whatever its score (a critical fail).
 */
export function applyCallbackVerdict(
  findings: readonly TFinding[],
  callbackOutcome: string | null | undefined,
): { findings: TFinding[]; fabricated: boolean } {
  const fabricated = callbackOutcome === 'NO_VISIT';
  const out = [...new Set(findings)];
  if (fabricated && !out.includes('FABRICATED')) out.push('FABRICATED');
  return { findings: out, fabricated };
}

/**
 * Was the visit late: made on a later day (in the organisation's timezone) than its task was due
 * (docs/rules.md#r-insp-5-starting-an-inspection)?
 */
export function isLateVisit(startedAt: Date, dueDate: string, timeZone: string): boolean {
  return dayIn(startedAt, timeZone) > dueDate;
}

/**
 * What an inspection starts with (docs/rules.md#r-insp-5-starting-an-inspection): a record
 * without a recording cannot be reviewed by listening, so RECORDING_REVIEW becomes RECORD_CHECK
 * (a method the supervisor chose otherwise stays); a late visit is flagged LATE beforehand.
 */
export function inspectionStartDefaults(
  current: { method: TInspectionMethod; findings: readonly TFinding[] },
  record: { hasRecording: boolean; late: boolean },
): { method: TInspectionMethod; findings: TFinding[] } {
  const method =
    current.method === 'RECORDING_REVIEW' && !record.hasRecording ? 'RECORD_CHECK' : current.method;
  const findings = [...new Set(current.findings)];
  if (record.late && !findings.includes('LATE')) findings.unshift('LATE');
  return { method, findings };
}

/** The method a new inspection of a record gets: listening to the recording when there is one. */
export function defaultInspectionMethod(hasRecording: boolean): TInspectionMethod {
  return hasRecording ? 'RECORDING_REVIEW' : 'RECORD_CHECK';
}
