// The one executor of workflow transitions (docs/rules.md#r-wf-1-workflows). A workflow is data
// in packages/domain (from, to, permission); this runs a step of it inside the caller's
// transaction, on a row the caller has locked: permission → state → version → the write →
// history → audit → notifications. A module adds a workflow as a table entry, not new plumbing.
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
  /** how the refusal for a wrong state reads; by default 409 CONFLICT { reason: STATUS } */
  wrongState?: (status: string, allowed: readonly S[]) => Error;
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

export async function runTransition<S extends string, A extends string>(
  tx: Tx,
  actor: Actor,
  spec: TransitionSpec<S, A>,
): Promise<S | null> {
  const { workflow, action, row } = spec;
  const check = checkTransition(workflow, action, row.status, actor.user.role);
  if (!check.ok && check.reason === 'PERMISSION') throw forbidden();
  const t = workflow.transitions[action];
  if (!check.ok) {
    throw (
      spec.wrongState?.(row.status, t.from) ??
      conflict(`This ${spec.entity} cannot be changed this way while ${row.status}`, {
        reason: 'STATUS',
        status: row.status,
        allowed: t.from,
      })
    );
  }
  if (spec.version !== undefined && spec.version !== row.version) throw staleVersion(row.version ?? 0);
  await spec.guard?.();
  await spec.write(t.to);
  await spec.history?.();
  if (spec.auditAction !== null) {
    const diff = typeof spec.audit === 'function' ? spec.audit() : spec.audit;
    await audit(tx, actor, {
      action: spec.auditAction,
      entity: spec.entity,
      entityId: row.id,
      before: diff?.before ?? (t.to !== null ? { status: row.status } : undefined),
      after: diff?.after ?? (t.to !== null ? { status: t.to } : undefined),
    });
  }
  const notes =
    typeof spec.notifications === 'function' ? await spec.notifications() : (spec.notifications ?? []);
  for (const n of notes) await notify(tx, actor, n);
  return t.to;
}
