// Approval chains (docs/rules.md#r-chain-1-chains … #r-chain-5-sign-off): per organisation, the ordered
// steps that approve a plan, a team's monthly report and the department roll-up, and who decides appeals.
// A step names a role and, optionally, a job title; a user acts at a step when both match. A submitted
// document keeps the steps it was submitted with (decision 016), so a change of chain never moves one in
// flight. Everything here is pure: the API reads the chain and the document, these say what may happen.
import type { TChainStep, TPermission, TRole } from '@huifang/contracts';
import { can } from '@huifang/contracts/permissions';
import { CHAIN_LIMITS, JOB_TITLES, ROLES } from '@huifang/contracts/values';

export type ChainKind = 'plan' | 'report' | 'rollup';

export interface ApprovalChainValues {
  planSteps: TChainStep[];
  reportSteps: TChainStep[];
  rollupSteps: TChainStep[];
  appealDecider: TChainStep;
}

/** The chains of an organisation that never set any: one step each, as before chains existed. */
export const DEFAULT_APPROVAL_CHAINS: ApprovalChainValues = {
  planSteps: [{ role: 'MANAGER', title: null }],
  reportSteps: [{ role: 'SUPERVISOR', title: null }],
  rollupSteps: [{ role: 'MANAGER', title: null }],
  appealDecider: { role: 'MANAGER', title: null },
};

/** The permission a role needs to be named at a step of each kind (defined once in the role table). */
export const STEP_PERMISSION: Record<ChainKind | 'appeal', TPermission> = {
  plan: 'plan:approve',
  report: 'report:approve',
  rollup: 'report:approve',
  appeal: 'appeal:decide',
};

/** The roles that may be named at a step of this kind. */
export function stepRoles(kind: ChainKind | 'appeal'): TRole[] {
  return ROLES.filter((r) => can(r, STEP_PERMISSION[kind]));
}

export interface ChainActor {
  role: TRole;
  title: string | null;
}

/** Does the user act at this step? Their role must be the step's; its title too, when it names one. */
export function matchesStep(step: TChainStep, actor: ChainActor): boolean {
  return step.role === actor.role && (step.title === null || step.title === actor.title);
}

export interface ChainProblem {
  field: string;
  reason: 'COUNT' | 'ROLE' | 'TITLE' | 'REPEATED';
}

/**
 * What is wrong with a set of chains: a plan chain of one or two steps, report and roll-up chains of
 * one to three; every step's role must hold the kind's permission; a title must be known; the same
 * step twice in a row would let one person approve twice.
 */
export function chainProblems(c: ApprovalChainValues): ChainProblem[] {
  const out: ChainProblem[] = [];
  const check = (field: string, kind: ChainKind | 'appeal', steps: readonly TChainStep[]) => {
    const roles = stepRoles(kind);
    steps.forEach((s, i) => {
      if (!roles.includes(s.role)) out.push({ field: `${field}.${i}.role`, reason: 'ROLE' });
      if (s.title !== null && !(JOB_TITLES as readonly string[]).includes(s.title))
        out.push({ field: `${field}.${i}.title`, reason: 'TITLE' });
      const prev = steps[i - 1];
      if (prev && prev.role === s.role && prev.title === s.title)
        out.push({ field: `${field}.${i}`, reason: 'REPEATED' });
    });
  };
  const count = (field: string, n: number, lim: { min: number; max: number }) => {
    if (n < lim.min || n > lim.max) out.push({ field, reason: 'COUNT' });
  };
  count('planSteps', c.planSteps.length, CHAIN_LIMITS.plan);
  count('reportSteps', c.reportSteps.length, CHAIN_LIMITS.report);
  count('rollupSteps', c.rollupSteps.length, CHAIN_LIMITS.report);
  check('planSteps', 'plan', c.planSteps);
  check('reportSteps', 'report', c.reportSteps);
  check('rollupSteps', 'rollup', c.rollupSteps);
  check('appealDecider', 'appeal', [c.appealDecider]);
  return out;
}

export type ChainDecision = 'approve' | 'return';

export type ChainResolution =
  | {
      ok: true;
      /** true when this approval is the chain's last: the document is APPROVED */
      final: boolean;
      /** the step that acts next (the same index when final or returned) */
      nextStep: number;
    }
  | {
      ok: false;
      /** STATE: not waiting for a decision; NOT_YOUR_STEP: the step is another role's or title's */
      reason: 'STATE' | 'NOT_YOUR_STEP';
      /** the step that is due, when one is */
      due: TChainStep | null;
    };

/**
 * Who may decide a submitted document now, and what the decision does. `steps` is the chain the
 * document was submitted with; `at` the index of the step due. Approving at the last step approves
 * the document; before it, the document moves to the next step. Returning is possible at any step
 * and goes back to the author. A chain that lost its steps (none, or `at` past the end) falls back
 * to nothing being due: the document must be submitted again.
 */
export function resolveChainStep(
  steps: readonly TChainStep[],
  status: string,
  at: number,
  actor: ChainActor,
  decision: ChainDecision,
): ChainResolution {
  const due = steps[at] ?? null;
  if (status !== 'SUBMITTED' || due === null) return { ok: false, reason: 'STATE', due };
  if (!matchesStep(due, actor)) return { ok: false, reason: 'NOT_YOUR_STEP', due };
  if (decision === 'return') return { ok: true, final: false, nextStep: at };
  const final = at === steps.length - 1;
  return { ok: true, final, nextStep: final ? at : at + 1 };
}

/** The steps stored on a document (JSON), or the given chain when it has none (submitted before chains). */
export function stepsOf(stored: unknown, fallback: readonly TChainStep[]): TChainStep[] {
  if (!Array.isArray(stored) || stored.length === 0) return [...fallback];
  const out: TChainStep[] = [];
  for (const s of stored) {
    if (
      s &&
      typeof s === 'object' &&
      (ROLES as readonly string[]).includes((s as TChainStep).role) &&
      ((s as TChainStep).title === null || typeof (s as TChainStep).title === 'string')
    ) {
      out.push({ role: (s as TChainStep).role, title: (s as TChainStep).title ?? null });
    } else return [...fallback];
  }
  return out;
}

/** Who writes the department roll-up: whoever acts at the last step of the team reports' chain. */
export function rollupAuthor(c: Pick<ApprovalChainValues, 'reportSteps'>): TChainStep {
  return c.reportSteps[c.reportSteps.length - 1] ?? DEFAULT_APPROVAL_CHAINS.reportSteps[0]!;
}

// ---------------------------------------------------------------------------------------------
// The lead's sign-off of visit records (R-CHAIN-5)

export type SignOffState = 'SIGNED_OFF' | 'SENT_BACK' | null;
export type SignOffCheck =
  | { ok: true; to: 'SIGNED_OFF' | 'SENT_BACK' }
  | { ok: false; reason: 'ALREADY_DECIDED' | 'COMMENT_REQUIRED' };

/**
 * A waiting record (null) is signed off, or sent back with a comment. A decided record is not decided
 * again: a sent-back one waits until its caller corrects it (an amendment makes it wait again).
 */
export function signOffDecision(
  state: SignOffState,
  decision: 'SIGN_OFF' | 'SEND_BACK',
  comment: string | null | undefined,
): SignOffCheck {
  if (state !== null) return { ok: false, reason: 'ALREADY_DECIDED' };
  if (decision === 'SEND_BACK') {
    if (!comment || comment.trim() === '') return { ok: false, reason: 'COMMENT_REQUIRED' };
    return { ok: true, to: 'SENT_BACK' };
  }
  return { ok: true, to: 'SIGNED_OFF' };
}

/**
 * The state a record's sign-off takes when it is amended: it waits again, whether it was sent back (the
 * caller corrected it) or signed off (what was signed is no longer what the record says).
 */
export function signOffAfterAmendment(_state: SignOffState): SignOffState {
  return null;
}

/** Signed-off records per ten thousand of the month's records (basis points, floored); null with none. */
export function signOffRateBp(signedOff: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.floor((Math.min(signedOff, total) * 10000) / total);
}
