// Workflows as data (docs/rules.md#r-wf-1-workflows): each entity's transitions — from which
// states, to which, with which permission — defined once. The API's executor checks and applies
// them (apps/api/src/lib/workflow.ts); the same table tells the web app what a user may do next.
import type { TMeasureStatus, TPermission, TRole, TTicketStatus } from '@huifang/contracts';
import { can } from '@huifang/contracts/permissions';
import {
  CADENCE_RULE_STATUSES,
  EDITABLE_PLAN_STATUSES,
  MEASURE_STATUSES,
  TICKET_STATUSES,
} from '@huifang/contracts/values';

export interface Transition<S extends string> {
  from: readonly S[];
  /** the state it leads to; null when the entity stays in its state (an edit) */
  to: S | null;
  permission: TPermission;
}

export interface Workflow<S extends string, A extends string> {
  readonly states: readonly S[];
  readonly transitions: Readonly<Record<A, Transition<S>>>;
}

/** The action names of a workflow. */
export type ActionOf<W> = W extends Workflow<string, infer A> ? A : never;

/** Declares a workflow; the type keeps its states and action names. */
export function defineWorkflow<S extends string, A extends string>(
  states: readonly S[],
  transitions: Record<A, Transition<S>>,
): Workflow<S, A> {
  for (const [action, t] of Object.entries<Transition<S>>(transitions)) {
    for (const s of [...t.from, ...(t.to !== null ? [t.to] : [])]) {
      if (!states.includes(s)) throw new Error(`workflow action ${action}: unknown state ${s}`);
    }
    if (t.from.length === 0) throw new Error(`workflow action ${action}: no state to start from`);
  }
  return { states, transitions };
}

export type TransitionCheck = { ok: true } | { ok: false; reason: 'PERMISSION' | 'STATE' };

/** May a user of `role` take `action` on an entity in `status`? Permission first, then state. */
export function checkTransition<S extends string, A extends string>(
  workflow: Workflow<S, A>,
  action: A,
  status: string,
  role: TRole,
): TransitionCheck {
  const t = workflow.transitions[action];
  if (!can(role, t.permission)) return { ok: false, reason: 'PERMISSION' };
  if (!(t.from as readonly string[]).includes(status)) return { ok: false, reason: 'STATE' };
  return { ok: true };
}

/** Every action of the workflow, true where the role may take it from `status` now. */
export function actionsFor<S extends string, A extends string>(
  workflow: Workflow<S, A>,
  status: string,
  role: TRole,
): Record<A, boolean> {
  const out = {} as Record<A, boolean>;
  for (const action of Object.keys(workflow.transitions) as A[]) {
    out[action] = checkTransition(workflow, action, status, role).ok;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The product's workflows

/**
 * 月度回访报告: a lead drafts and submits; the steps of the organisation's report chain approve it in turn
 * (docs/rules.md#r-chain-2-reports) — SUBMITTED until the last one — or return it with a comment. Which
 * holder of `report:approve` acts at a step the chain says (approval-chain.ts).
 */
export const REPORT_WORKFLOW = defineWorkflow(['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'] as const, {
  edit: { from: ['DRAFT', 'RETURNED'], to: null, permission: 'report:write' },
  refresh: { from: ['DRAFT', 'RETURNED'], to: null, permission: 'report:write' },
  submit: { from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED', permission: 'report:write' },
  approve: { from: ['SUBMITTED'], to: 'APPROVED', permission: 'report:approve' },
  return: { from: ['SUBMITTED'], to: 'RETURNED', permission: 'report:approve' },
});

/**
 * The department roll-up (汇总月报, docs/rules.md#r-chain-3-rollup): written by whoever acts at the last step
 * of the team reports' chain (a deputy director), built from the approved team reports, then approved by
 * the roll-up chain's steps in turn.
 */
export const ROLLUP_WORKFLOW = defineWorkflow(['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'] as const, {
  edit: { from: ['DRAFT', 'RETURNED'], to: null, permission: 'report:approve' },
  refresh: { from: ['DRAFT', 'RETURNED'], to: null, permission: 'report:approve' },
  submit: { from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED', permission: 'report:approve' },
  approve: { from: ['SUBMITTED'], to: 'APPROVED', permission: 'report:approve' },
  return: { from: ['SUBMITTED'], to: 'RETURNED', permission: 'report:approve' },
});

/**
 * A cadence rule's change (docs/rules.md#r-cad-3-rule-approval): edited (an approved rule too: its
 * approved version runs on meanwhile), submitted, and approved by management — it then becomes the
 * active version — or rejected with a comment and edited again.
 */
export const CADENCE_RULE_WORKFLOW = defineWorkflow(CADENCE_RULE_STATUSES, {
  edit: { from: ['DRAFT', 'REJECTED', 'APPROVED'], to: 'DRAFT', permission: 'cadence:write' },
  submit: { from: ['DRAFT', 'REJECTED'], to: 'SUBMITTED', permission: 'cadence:write' },
  approve: { from: ['SUBMITTED'], to: 'APPROVED', permission: 'cadence:approve' },
  reject: { from: ['SUBMITTED'], to: 'REJECTED', permission: 'cadence:approve' },
});

/** 回访费用: a caller records it, the lead (or a manager) approves or rejects it once. */
export const EXPENSE_WORKFLOW = defineWorkflow(['PENDING', 'APPROVED', 'REJECTED'] as const, {
  approve: { from: ['PENDING'], to: 'APPROVED', permission: 'expense:decide' },
  reject: { from: ['PENDING'], to: 'REJECTED', permission: 'expense:decide' },
});

/** 回访计划: a lead drafts and submits; a manager approves (tasks are created) or rejects. */
export const PLAN_WORKFLOW = defineWorkflow(
  ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'CLOSED'] as const,
  {
    edit: { from: EDITABLE_PLAN_STATUSES, to: null, permission: 'plan:write' },
    submit: { from: EDITABLE_PLAN_STATUSES, to: 'SUBMITTED', permission: 'plan:write' },
    approve: { from: ['SUBMITTED'], to: 'APPROVED', permission: 'plan:approve' },
    reject: { from: ['SUBMITTED'], to: 'REJECTED', permission: 'plan:approve' },
  },
);

/**
 * 质检: assigned, started by its inspector (starting one's own again only resumes it: no step),
 * drafts saved while in progress, submitted once (the scores are then the record's).
 */
export const INSPECTION_WORKFLOW = defineWorkflow(['PENDING', 'IN_PROGRESS', 'SUBMITTED'] as const, {
  start: { from: ['PENDING'], to: 'IN_PROGRESS', permission: 'inspection:perform' },
  saveDraft: { from: ['IN_PROGRESS'], to: null, permission: 'inspection:perform' },
  submit: { from: ['IN_PROGRESS'], to: 'SUBMITTED', permission: 'inspection:perform' },
});

/** 申诉 of an inspection: decided once by a manager, upheld (the result stands) or overturned. */
export const APPEAL_WORKFLOW = defineWorkflow(['PENDING', 'UPHELD', 'OVERTURNED'] as const, {
  uphold: { from: ['PENDING'], to: 'UPHELD', permission: 'appeal:decide' },
  overturn: { from: ['PENDING'], to: 'OVERTURNED', permission: 'appeal:decide' },
  /** overturn chosen items: the inspection's score and result are recomputed (rescoreAfterAppeal) */
  overturnItems: { from: ['PENDING'], to: 'OVERTURNED', permission: 'appeal:decide' },
});

/**
 * An item of the month's incentive sheet, decided by a manager while the sheet is open and no
 * appeal against it waits; a decision can be changed until the sheet is approved.
 */
export const INCENTIVE_ITEM_WORKFLOW = defineWorkflow(
  ['PROPOSED', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const,
  {
    approve: { from: ['PROPOSED', 'REJECTED'], to: 'APPROVED', permission: 'incentive:decide' },
    reject: { from: ['PROPOSED', 'APPROVED'], to: 'REJECTED', permission: 'incentive:decide' },
  },
);

/** 申诉 of an incentive item: decided once by a manager; overturning withdraws the item. */
export const INCENTIVE_APPEAL_WORKFLOW = defineWorkflow(['PENDING', 'UPHELD', 'OVERTURNED'] as const, {
  uphold: { from: ['PENDING'], to: 'UPHELD', permission: 'incentive:decide' },
  overturn: { from: ['PENDING'], to: 'OVERTURNED', permission: 'incentive:decide' },
});

/** The month's incentive sheet: approved once every item is decided, then locked. */
export const SHEET_WORKFLOW = defineWorkflow(['OPEN', 'APPROVED'] as const, {
  approve: { from: ['OPEN'], to: 'APPROVED', permission: 'incentive:decide' },
});

/** Ticket statuses in which the SLA clock runs and the department has to act. */
export const RUNNING_TICKET_STATUSES = [
  'OPEN',
  'IN_PROGRESS',
  'REOPENED',
] as const satisfies readonly TTicketStatus[];

/** Is the ticket with the department (its SLA clock running)? */
export function isTicketRunning(status: string): boolean {
  return (RUNNING_TICKET_STATUSES as readonly string[]).includes(status);
}

/**
 * 问题工单: the department starts and answers it; whoever raised it (or must confirm it with
 * the customer) verifies it, which closes it, or sends it back; routing moves it to another
 * department (a ticket being worked on goes back to OPEN there). A routed (supervisor's) verified
 * ticket is closed by anyone who routes tickets; management closes one in any state. The roles'
 * permissions are here; which tickets a user may act on (their department, their team) the API
 * decides from the relations (apps/api/src/modules/tickets/access.ts).
 */
export const TICKET_WORKFLOW = defineWorkflow(TICKET_STATUSES, {
  start: { from: ['OPEN', 'REOPENED'], to: 'IN_PROGRESS', permission: 'ticket:respond' },
  respond: { from: RUNNING_TICKET_STATUSES, to: 'RESPONDED', permission: 'ticket:respond' },
  verify: { from: ['RESPONDED'], to: 'CLOSED', permission: 'ticket:verify' },
  reopen: { from: ['RESPONDED', 'VERIFIED'], to: 'REOPENED', permission: 'ticket:verify' },
  route: { from: RUNNING_TICKET_STATUSES, to: null, permission: 'ticket:route' },
  close: { from: ['VERIFIED'], to: 'CLOSED', permission: 'ticket:route' },
  forceClose: {
    from: ['OPEN', 'IN_PROGRESS', 'REOPENED', 'RESPONDED', 'VERIFIED'],
    to: 'CLOSED',
    permission: 'ticket:close:any',
  },
});

/**
 * 改进措施 (docs/rules.md#r-meas-1-workflow): a lead or manager drafts it; a manager approves it
 * (or sends it back to DRAFT with a comment); its owner starts it, reports milestone progress and
 * completes it; a manager evaluates its effect. Who the owner is the API decides per measure
 * (apps/api/src/modules/measures/service.ts): the `measure:progress` steps are the owner's or a manager's.
 */
export const MEASURE_WORKFLOW = defineWorkflow(MEASURE_STATUSES, {
  edit: { from: ['DRAFT'], to: null, permission: 'measure:write' },
  approve: { from: ['DRAFT'], to: 'APPROVED', permission: 'measure:approve' },
  reject: { from: ['DRAFT', 'APPROVED'], to: 'DRAFT', permission: 'measure:approve' },
  start: { from: ['APPROVED'], to: 'IN_PROGRESS', permission: 'measure:progress' },
  progress: { from: ['IN_PROGRESS'], to: null, permission: 'measure:progress' },
  complete: { from: ['IN_PROGRESS'], to: 'DONE', permission: 'measure:progress' },
  evaluate: { from: ['DONE'], to: 'EVALUATED', permission: 'measure:approve' },
});

/** Statuses in which a measure is still to be done: its deadline can pass (R-MEAS-2). */
export const OPEN_MEASURE_STATUSES = ['APPROVED', 'IN_PROGRESS'] as const satisfies readonly TMeasureStatus[];
