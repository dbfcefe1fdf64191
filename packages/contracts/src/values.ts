// The contracts' plain values (status lists, keys, limits): no zod, so that the web app, which needs
// them but not the schemas, loads them without the schema library (docs/performance.md#web). The
// schemas beside them (enums.ts, plans.ts …) are built from these lists.

/**
 * Why a new password was refused as too easy to guess (422 RULE_VIOLATION, details
 * `{ field: 'password', reason: 'WEAK_PASSWORD', why }`); the web app says it in the user's language.
 */
export const PASSWORD_WHY = [
  'COMMON',
  'PERSONAL',
  'PINYIN',
  'DATE',
  'PHONE',
  'PATTERN',
  'GUESSABLE',
] as const;

export const CUSTOMER_SORTS = [
  'name',
  '-name',
  'lastVisitAt',
  '-lastVisitAt',
  'createdAt',
  '-createdAt',
] as const;

export const ROLES = ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD', 'CALLER', 'HANDLER'] as const;

export const SEGMENTS = [
  'PROSPECT',
  'NEW_ENROLLEE',
  'STUDENT',
  'GRADUATE',
  'KEY_ACCOUNT',
  'CHURNED',
] as const;

export const TIERS = ['HIGH', 'MID', 'LOW'] as const;

export const CHANNELS = ['PHONE', 'SMS', 'EMAIL', 'ONLINE_SURVEY', 'FACE_TO_FACE'] as const;

export const PLAN_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'CLOSED'] as const;

export const TASK_STATUSES = ['PENDING', 'IN_PROGRESS', 'DONE', 'UNREACHABLE', 'CANCELLED'] as const;

export const VISIT_OUTCOMES = [
  'COMPLETED',
  'NO_ANSWER',
  'CALL_BACK_LATER',
  'DECLINED',
  'WRONG_NUMBER',
] as const;

export const TICKET_STATUSES = [
  'OPEN',
  'IN_PROGRESS',
  'RESPONDED',
  'VERIFIED',
  'REOPENED',
  'CLOSED',
] as const;

export const EXPENSE_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const;

/** The largest single expense: ¥10,000.00, in fen. */
export const EXPENSE_MAX_FEN = 1_000_000;

export const INCENTIVE_RULE_KEYS = [
  'EXCELLENT_CALLER',
  'GRADE_BONUS',
  'COMPLETION_WARNING',
  'REMEDIATION_DEDUCTION',
  'PASS_RATE_RETRAINING',
  'PASS_RATE_DEDUCTION',
  'CONDUCT_DEDUCTION',
  'CONDUCT_CRITICISM',
  'GRADE_E_DEDUCTION',
  'HEAD_REVIEW',
  'HEAD_REVIEW_DEDUCTION',
  'TEAM_AWARD',
  'SPECIAL_AWARD',
  /** an improvement measure overdue past its escalation, or found not effective (docs/rules.md#r-meas-4-incentive-items) */
  'MEASURE_FAILED',
  /** a key customer who left for a reason a measure addressed came back (docs/rules.md#r-meas-4-incentive-items) */
  'KEY_CUSTOMER_RETAINED',
  /** retrained, and the pass rate still below the bar a later month: demotion or dismissal proposed (docs/rules.md#r-trn-4-re-check-after-retraining) */
  'RETRAINING_RECHECK',
  /** grade E: improve within the deadline (docs/rules.md#r-trn-5-grade-e-improvement-deadline) */
  'GRADE_E_IMPROVEMENT',
  /** a training test failed, where the policy links training to the evaluation (docs/rules.md#r-trn-6-training-in-the-evaluation) */
  'TRAINING_TEST_FAILED',
  /** added by hand with a reason and evidence: a warning, deduction, proposal or certificate (docs/rules.md#r-disc-1-manual-items) */
  'MANUAL_ITEM',
] as const;

export const INCENTIVE_KIND_KEYS = [
  'BONUS',
  'DEDUCTION',
  'WARNING',
  'RETRAINING',
  'PUBLIC_CRITICISM',
  'HEAD_REVIEW',
  /** a proposal for people to decide: the product proposes, a manager decides (R-TRN-4) */
  'DEMOTION_PROPOSAL',
  'DISMISSAL_PROPOSAL',
  /** proposals and a certificate carry no money (docs/rules.md#r-disc-1-manual-items) */
  'HONOUR_CERTIFICATE',
  'PROMOTION_RECOMMENDATION',
] as const;

/** The kinds a manager (or a lead, for the team) adds by hand (docs/rules.md#r-disc-1-manual-items). */
export const MANUAL_INCENTIVE_KIND_KEYS = [
  'WARNING',
  'DEDUCTION',
  'DEMOTION_PROPOSAL',
  'HONOUR_CERTIFICATE',
  'PROMOTION_RECOMMENDATION',
] as const satisfies readonly (typeof INCENTIVE_KIND_KEYS)[number][];

/** A customer-abuse report (docs/rules.md#r-disc-2-customer-abuse-reports). */
export const ABUSE_REPORT_STATUSES = ['PENDING', 'CONFIRMED', 'DISMISSED'] as const;

export const KPI_DIMENSION_KEYS = [
  'timeliness',
  'completion',
  'process',
  'content',
  'records',
  'cost',
] as const;

export const HEAD_REVIEW_TRIGGER_KEYS = ['COMPLETION_TARGET', 'ANY_TARGET'] as const;

export const DEDUCTION_CAP_KEYS = ['PERFORMANCE_BONUS', 'NONE'] as const;

/**
 * Why a customer the filter matched was left out of a plan (while drafting), or why an item of
 * the plan got no task when it was approved (REFUSED_VISITS, HAS_OPEN_TASK, CONTACT_CAP).
 * IN_OTHER_PLAN: already a customer of another draft, rejected or submitted plan of that month.
 * CONTACT_CAP (at approval only): the contact policy lets no further contact with the customer
 * before the item's window ends (docs/rules.md#r-cad-6-contact-policy).
 */
export const EXCLUSION_REASONS = ['REFUSED_VISITS', 'HAS_OPEN_TASK', 'IN_OTHER_PLAN', 'CONTACT_CAP'] as const;

/** Statuses in which the lead may still change a plan. */
export const EDITABLE_PLAN_STATUSES = ['DRAFT', 'REJECTED'] as const;

export const TICKET_CATEGORIES = [
  'TEACHING',
  'SERVICE',
  'MARKET',
  'FACILITY',
  'CALLER_CONDUCT',
  'OTHER',
] as const;

export const TICKET_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

export const QUESTION_KINDS = ['SATISFACTION', 'NPS', 'YES_NO', 'SINGLE_CHOICE', 'TEXT'] as const;

export const REPORT_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED'] as const;

export const NARRATIVE_SECTIONS = ['overview', 'satisfaction', 'problems', 'suggestions'] as const;

export const INSPECTION_METHODS = ['RECORDING_REVIEW', 'RECORD_CHECK', 'CUSTOMER_CALLBACK'] as const;

export const FINDINGS = [
  'LATE',
  'INCOMPLETE',
  'INACCURATE',
  'ATTITUDE',
  'FABRICATED',
  'SCRIPT_DEVIATION',
] as const;

/** The outcome of a customer call-back (回访核实). NO_VISIT: the customer says no visit took place. */
export const CALLBACK_OUTCOMES = ['CONFIRMED', 'CONTENT_DIFFERS', 'NO_VISIT'] as const;

/**
 * The caller's queues, computed in the organisation's timezone:
 * today = open, within its window and no call-back time still ahead; overdue = open, past its
 * due date; callback = open with an agreed call-back time; upcoming = open, window not started;
 * done = DONE or UNREACHABLE.
 */
export const TASK_BUCKETS = ['today', 'overdue', 'callback', 'upcoming', 'done'] as const;

/**
 * What happened to a customer that may call for a follow-up visit (docs/product.md#customer-events):
 * the kinds the regulations name. A cadence rule (docs/rules.md#r-cad-1-cadence-rules) is keyed on one.
 */
export const CUSTOMER_EVENT_KINDS = [
  'ENQUIRY',
  'ENROLLED',
  'COURSE_STARTED',
  'COURSE_COMPLETED',
  'GRADUATED',
  'CONSULTATION',
  'DISCHARGE',
  'SURGERY',
  'TREATMENT_COURSE_ENDED',
  'PURCHASE',
  'REPAIR_CLOSED',
  'COMPLAINT_CLOSED',
  'REFUND',
  /** re-enrolled in a further course (续费/续报) — the funnel's last stage (docs/rules.md#r-enq-2-the-funnel) */
  'RENEWED',
  /** brought another customer (转介绍) */
  'REFERRAL',
] as const;

/** Where an event came from: entered by a user, imported, posted by another system, raised by the app (a closed ticket, a converted enquiry), or reported by the customer in a visit. */
export const CUSTOMER_EVENT_SOURCES = ['MANUAL', 'IMPORT', 'API', 'TICKET', 'VISIT', 'ENQUIRY'] as const;

/** A cadence rule's pending change (docs/product.md#cadence-rules): APPROVED when none is pending. */
export const CADENCE_RULE_STATUSES = ['DRAFT', 'SUBMITTED', 'REJECTED', 'APPROVED'] as const;

/** Who makes a cadence rule's visits: a caller of the team (balanced), its lead, or a manager (a major complaint). */
export const CADENCE_DOERS = ['CALLER', 'LEAD', 'MANAGER'] as const;

export const CADENCE_UNITS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;

/**
 * What the daily run did with a cadence rule's visit (docs/rules.md#r-cad-4-the-daily-run); PLANNED:
 * a proposal of a rule not approved that the lead took into a plan (docs/rules.md#r-cad-7-rule-proposals).
 */
export const CADENCE_VISIT_STATUSES = ['TASK', 'SUPPRESSED', 'POSTPONED', 'WITHDRAWN', 'PLANNED'] as const;

/**
 * Why a visit was not made (docs/rules.md#r-cad-6-contact-policy): the customer refuses visits (do
 * not contact); the contact cap is reached (postponed to the day it frees up, or suppressed when that
 * day is past the visit's window); another task of the customer is open; nobody can take it; its
 * event was cancelled.
 */
export const CADENCE_VISIT_REASONS = [
  'REFUSED_VISITS',
  'CONTACT_CAP',
  'OPEN_TASK',
  'NO_DOER',
  'EVENT_CANCELLED',
] as const;

// ---------------------------------------------------------------------------------------------
// Enquiries, churn and improvement (docs/product.md#learning-from-customers-who-leave)

/** How an enquiry came in (咨询渠道). */
export const ENQUIRY_CHANNELS = ['PHONE', 'WALK_IN', 'WEB', 'REFERRAL', 'SOCIAL', 'EVENT', 'OTHER'] as const;

/** OPEN until converted (ENROLLED) or closed with a reason (NOT_ENROLLED). */
export const ENQUIRY_STATUSES = ['OPEN', 'ENROLLED', 'NOT_ENROLLED'] as const;

/**
 * The stages of the enquiry funnel (docs/rules.md#r-enq-2-the-funnel), in order: enquired, enrolled
 * (converted), attended (COURSE_STARTED after enrolling), completed (COURSE_COMPLETED), renewed or
 * referred (RENEWED / REFERRAL). A later stage counts in every earlier one.
 */
export const FUNNEL_STAGES = ['ENQUIRED', 'ENROLLED', 'ATTENDED', 'COMPLETED', 'RETAINED'] as const;

/**
 * Where in the customer's life they left (流失阶段): consulted but did not enrol, enrolled but never
 * attended, dropped out, refunded, did not renew.
 */
export const CHURN_STAGES = [
  'NOT_ENROLLED',
  'NEVER_ATTENDED',
  'DROPPED_OUT',
  'REFUNDED',
  'NOT_RENEWED',
] as const;

/** The four fixed reason categories (市场、教学、服务、硬件); sub-reasons are the organisation's. */
export const CHURN_CATEGORIES = ['MARKET', 'TEACHING', 'SERVICE', 'FACILITY'] as const;

/** SUGGESTED by the system until a person CONFIRMS or DISMISSES it; recorded by hand it is CONFIRMED. */
export const CHURN_CASE_STATUSES = ['SUGGESTED', 'CONFIRMED', 'DISMISSED'] as const;

/**
 * The evidence a suggested case names: a visit declined with a reason, a refund event, a very low
 * satisfaction, a closed complaint followed by no attendance.
 */
export const CHURN_EVIDENCE_KINDS = [
  'DECLINED_VISIT',
  'REFUND_EVENT',
  'LOW_SATISFACTION',
  'COMPLAINT_NO_ATTENDANCE',
] as const;

/** An improvement measure's states (MEASURE_WORKFLOW in packages/domain). */
export const MEASURE_STATUSES = ['DRAFT', 'APPROVED', 'IN_PROGRESS', 'DONE', 'EVALUATED'] as const;

/** What an evaluation found; INCONCLUSIVE when the samples are too small to tell. */
export const MEASURE_OUTCOMES = ['EFFECTIVE', 'NOT_EFFECTIVE', 'INCONCLUSIVE'] as const;

// ── recordings (docs/rules.md#r-rec-1-recording-files) ──

/** The audio formats a call recording may be in, each recognised by its first bytes (R-REC-1). */
export const RECORDING_FORMATS = ['MP3', 'M4A', 'AAC', 'WAV', 'OGG', 'WEBM'] as const;

/** The Content-Type a recording of each format is served with. */
export const RECORDING_CONTENT_TYPES: Record<(typeof RECORDING_FORMATS)[number], string> = {
  MP3: 'audio/mpeg',
  M4A: 'audio/mp4',
  AAC: 'audio/aac',
  WAV: 'audio/wav',
  OGG: 'audio/ogg',
  WEBM: 'audio/webm',
};

/** The file types the upload field offers (the server decides by the bytes, never by these). */
export const RECORDING_ACCEPT = '.mp3,.m4a,.aac,.wav,.ogg,.opus,.webm,audio/*';

/** A recording's size limit unless HUIFANG_RECORDING_MAX_MB says otherwise (R-REC-1). */
export const RECORDING_DEFAULT_MAX_MB = 50;

/**
 * Why someone may listen to a visit's recording (R-REC-3): a supervisor inspects, the caller made
 * the visit, the lead leads the caller's team, a manager manages. Written into the audit row.
 */
export const RECORDING_ACCESS_REASONS = ['INSPECTION', 'OWN_VISIT', 'TEAM_LEAD', 'MANAGEMENT'] as const;

/**
 * One audit row per listener and recording within this many minutes (R-REC-5): the player's range
 * requests of one playback make one row, not hundreds.
 */
export const RECORDING_LISTEN_AUDIT_MINUTES = 10;

/** What an integration key may do (docs/api.md#integrations); keys made before scopes existed hold EVENTS. */
export const API_KEY_SCOPES = ['EVENTS', 'RECORDINGS'] as const;

// ── confidentiality (docs/rules.md#r-conf-1-agreements) ──

/** What revealing a contact outside one's own open tasks requires (R-CONF-3). */
export const REVEAL_POLICIES = ['NONE', 'REASON', 'APPROVAL'] as const;
/** A reveal request's states under the APPROVAL policy (R-CONF-4). */
export const REVEAL_REQUEST_STATUSES = ['PENDING', 'APPROVED', 'REFUSED', 'USED'] as const;
/** Leaving the organisation or changing post (离职 / 调岗, R-CONF-5). */
export const HANDOVER_KINDS = ['LEAVING', 'TRANSFER'] as const;
/** The kinds of personal data an export carries, as its audit row names them (R-CONF-2). */
export const EXPORT_KINDS = ['INCENTIVE_SHEET', 'CHURN_WEEKLY', 'CUSTOMERS'] as const;
/** The shortest reason accepted for a reveal (R-CONF-3), in characters. */
export const REVEAL_REASON_MIN = 4;
// ── training (docs/rules.md#r-trn-1-training-plans-and-sessions) ──

/** A training session's topic: skills, service etiquette, product knowledge, confidentiality, other. */
export const TRAINING_TOPICS = ['SKILLS', 'ETIQUETTE', 'PRODUCT', 'CONFIDENTIALITY', 'OTHER'] as const;

/** A retraining assignment's states (R-TRN-2, R-TRN-4). */
export const TRAINING_ASSIGNMENT_STATUSES = ['OPEN', 'CLOSED', 'ESCALATED', 'WITHDRAWN'] as const;

/** The longest session, in days, and the score range of a training test. */
export const TRAINING_MAX_DAYS = 31;
export const TRAINING_MAX_SCORE = 100;
/**
 * Job titles (职务), separate from roles (docs/rules.md#r-chain-1-chains): a role says what a user may do,
 * a title where they stand; an approval chain's step names a role and, optionally, a title.
 */
export const JOB_TITLES = [
  'DIRECTOR',
  'DEPUTY_DIRECTOR',
  'GROUP_LEAD',
  'SPECIALIST',
  'SERVICE_SUPERVISOR',
  'QUALITY_INSPECTOR',
] as const;

/** The lead's sign-off of a visit record (组长审核, R-CHAIN-5); null while it waits. */
export const SIGN_OFF_STATUSES = ['SIGNED_OFF', 'SENT_BACK'] as const;

/** How many steps a chain may have: plans one or two, reports and the roll-up one to three. */
export const CHAIN_LIMITS = { plan: { min: 1, max: 2 }, report: { min: 1, max: 3 } } as const;
