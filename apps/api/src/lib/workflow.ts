// The one executor of workflow transitions (docs/rules.md#r-wf-1-workflows). A workflow is data
// in packages/domain (from, to, permission); this runs a step of it inside the caller's
// transaction, on a row (or a set of rows) the caller has locked: permission → access → state → version →
// guard → the write → history → audit → notifications. A module adds a workflow as a table entry, not new plumbing.
import { can } from '@huifang/contracts';
import { checkTransition, type Workflow } from '@huifang/domain';
import type { Tx } from '../db/prisma.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { conflict, forbidden, staleVersion } from './errors.ts';
import { type NotificationInput, notify } from './notify.ts';

export interface TransitionSpec<S extends string, A extends string> {
  workflow: Workflow<S, A>;
  action: A;
  /** the locked row as it is now (version: when the entity has one) */
  row: { id: string; status: string; version?: number };
  /** the version the client saw, when it sent one: another → 409 STALE_VERSION */
  version?: number | undefined;
  /**
   * the audit row's entity and action (e.g. VisitReport, REPORT_SUBMIT); null for a step that only
   * keeps work in progress (an inspector's draft), which writes no audit row
   */
  entity: string;
  auditAction: string | null;
  /**
   * may this user act on this row, beyond their role's permission (a ticket of their department,
   * an inspection assigned to them)? Checked right after the permission: throw 403 to refuse
   */
  access?: () => void;
  /** how the refusal for a wrong state reads; by default 409 CONFLICT { reason: STATUS } */
  wrongState?: (status: string, allowed: readonly S[], id: string) => Error;
  /** checks of the step's own (after permission and state): throw to refuse */
  guard?: () => Promise<void> | void;
  /** the write: the new state (null when the step keeps it), its fields and the version bump */
  write: (to: S | null) => Promise<void>;
  /** the entity's own timeline row, when it has one */
  history?: () => Promise<unknown>;
  /** the audit row's before/after (by default the states); a function when the step computes them */
  audit?: AuditDiff | (() => AuditDiff);
  notifications?: NotificationInput[] | (() => NotificationInput[] | Promise<NotificationInput[]>);
}

type AuditDiff = { before?: unknown; after?: unknown };
type Row = { id: string; status: string; version?: number };

/** One step on one locked row. Returns the state it led to (null: the state stayed). */
export function runTransition<S extends string, A extends string>(
  tx: Tx,
  actor: Actor,
  spec: TransitionSpec<S, A>,
): Promise<S | null> {
  const { row, history, ...rest } = spec;
  return run(tx, actor, { ...rest, rows: [row], history, versionOf: row });
}

export interface BulkTransitionSpec<S extends string, A extends string>
  extends Omit<TransitionSpec<S, A>, 'row' | 'history'> {
  /** the locked rows; `version`, when given, is checked against the first (the one on screen) */
  rows: Row[];
  /**
   * a row already in the state the step leads to counts as done, not as a wrong state (a
   * manager approving a selection that holds approved items); it is written again
   */
  repeatable?: boolean;
}

/**
 * The same step on a set of locked rows (a bulk decision): every row is checked before anything
 * is written; one write, one audit row (its entity id when there is one row), one set of notes.
 */
export function runBulkTransition<S extends string, A extends string>(
  tx: Tx,
  actor: Actor,
  spec: BulkTransitionSpec<S, A>,
): Promise<S | null> {
  return run(tx, actor, { ...spec, versionOf: spec.rows[0] });
}

async function run<S extends string, A extends string>(
  tx: Tx,
  actor: Actor,
  spec: BulkTransitionSpec<S, A> & { history?: () => Promise<unknown>; versionOf: Row | undefined },
): Promise<S | null> {
  const { workflow, action, rows } = spec;
  const t = workflow.transitions[action];
  if (!can(actor.user.role, t.permission)) throw forbidden();
  spec.access?.();
  for (const row of rows) {
    if (checkTransition(workflow, action, row.status, actor.user.role).ok) continue;
    if (spec.repeatable && row.status === t.to) continue;
    throw (
      spec.wrongState?.(row.status, t.from, row.id) ??
      conflict(`This ${spec.entity} cannot be changed this way while ${row.status}`, {
        reason: 'STATUS',
        status: row.status,
        allowed: t.from,
      })
    );
  }
  const shown = spec.versionOf;
  if (spec.version !== undefined && shown && spec.version !== shown.version) {
    throw staleVersion(shown.version ?? 0);
  }
  await spec.guard?.();
  await spec.write(t.to);
  await spec.history?.();
  if (spec.auditAction !== null) {
    const diff = typeof spec.audit === 'function' ? spec.audit() : spec.audit;
    const one = rows.length === 1 ? rows[0] : undefined;
    const moved = t.to !== null;
    await audit(tx, actor, {
      action: spec.auditAction,
      entity: spec.entity,
      entityId: one?.id ?? null,
      before:
        diff?.before ??
        (!moved
          ? undefined
          : one
            ? { status: one.status }
            : rows.map((r) => ({ id: r.id, status: r.status }))),
      after:
        diff?.after ??
        (!moved ? undefined : one ? { status: t.to } : { ids: rows.map((r) => r.id), status: t.to }),
    });
  }
  const notes =
    typeof spec.notifications === 'function' ? await spec.notifications() : (spec.notifications ?? []);
  for (const n of notes) await notify(tx, actor, n);
  return t.to;
}
