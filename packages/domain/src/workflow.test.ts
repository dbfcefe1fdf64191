import { describe, expect, it } from 'vitest';
import {
  APPEAL_WORKFLOW,
  actionsFor,
  checkTransition,
  defineWorkflow,
  EXPENSE_WORKFLOW,
  INCENTIVE_APPEAL_WORKFLOW,
  INCENTIVE_ITEM_WORKFLOW,
  INSPECTION_WORKFLOW,
  isTicketRunning,
  PLAN_WORKFLOW,
  REPORT_WORKFLOW,
  SHEET_WORKFLOW,
  TICKET_WORKFLOW,
} from './workflow.ts';

describe('workflows as data', () => {
  it('refuses a transition from or to a state the workflow does not have, or from none', () => {
    expect(() =>
      defineWorkflow(['A', 'B'] as const, { go: { from: ['A'], to: 'C' as 'B', permission: 'plan:write' } }),
    ).toThrow(/go: unknown state C/);
    expect(() =>
      defineWorkflow(['A', 'B'] as const, { go: { from: ['X' as 'A'], to: 'B', permission: 'plan:write' } }),
    ).toThrow(/go: unknown state X/);
    expect(() =>
      defineWorkflow(['A'] as const, { go: { from: [], to: 'A', permission: 'plan:write' } }),
    ).toThrow(/no state to start from/);
  });

  it('checks the permission before the state', () => {
    expect(checkTransition(REPORT_WORKFLOW, 'approve', 'DRAFT', 'CALLER')).toEqual({
      ok: false,
      reason: 'PERMISSION',
    });
    expect(checkTransition(REPORT_WORKFLOW, 'approve', 'DRAFT', 'SUPERVISOR')).toEqual({
      ok: false,
      reason: 'STATE',
    });
    expect(checkTransition(REPORT_WORKFLOW, 'approve', 'SUBMITTED', 'SUPERVISOR')).toEqual({ ok: true });
  });

  it('a report: the lead edits and submits a draft or a returned one; the supervision approves or returns it', () => {
    const none = { edit: false, refresh: false, submit: false, approve: false, return: false };
    expect(actionsFor(REPORT_WORKFLOW, 'DRAFT', 'LEAD')).toEqual({
      ...none,
      edit: true,
      refresh: true,
      submit: true,
    });
    expect(actionsFor(REPORT_WORKFLOW, 'RETURNED', 'LEAD')).toEqual({
      ...none,
      edit: true,
      refresh: true,
      submit: true,
    });
    expect(actionsFor(REPORT_WORKFLOW, 'SUBMITTED', 'LEAD')).toEqual(none);
    expect(actionsFor(REPORT_WORKFLOW, 'SUBMITTED', 'SUPERVISOR')).toEqual({
      ...none,
      approve: true,
      return: true,
    });
    expect(actionsFor(REPORT_WORKFLOW, 'DRAFT', 'SUPERVISOR')).toEqual(none);
    expect(actionsFor(REPORT_WORKFLOW, 'APPROVED', 'SUPERVISOR')).toEqual(none);
    expect(actionsFor(REPORT_WORKFLOW, 'APPROVED', 'LEAD')).toEqual(none);
    expect(REPORT_WORKFLOW.transitions.submit.to).toBe('SUBMITTED');
    expect(REPORT_WORKFLOW.transitions.return.to).toBe('RETURNED');
    expect(REPORT_WORKFLOW.transitions.approve.to).toBe('APPROVED');
    expect(REPORT_WORKFLOW.transitions.edit.to).toBeNull();
  });

  it('an expense is decided once, by whoever may decide expenses', () => {
    expect(actionsFor(EXPENSE_WORKFLOW, 'PENDING', 'LEAD')).toEqual({ approve: true, reject: true });
    expect(actionsFor(EXPENSE_WORKFLOW, 'PENDING', 'CALLER')).toEqual({ approve: false, reject: false });
    expect(actionsFor(EXPENSE_WORKFLOW, 'APPROVED', 'MANAGER')).toEqual({ approve: false, reject: false });
    expect(actionsFor(EXPENSE_WORKFLOW, 'REJECTED', 'MANAGER')).toEqual({ approve: false, reject: false });
  });

  it('a plan is edited and submitted by the lead, decided by the manager', () => {
    expect(actionsFor(PLAN_WORKFLOW, 'REJECTED', 'LEAD')).toEqual({
      edit: true,
      submit: true,
      approve: false,
      reject: false,
    });
    expect(actionsFor(PLAN_WORKFLOW, 'SUBMITTED', 'MANAGER')).toEqual({
      edit: false,
      submit: false,
      approve: true,
      reject: true,
    });
    expect(Object.values(actionsFor(PLAN_WORKFLOW, 'APPROVED', 'MANAGER')).some(Boolean)).toBe(false);
  });

  it('an inspection is started, saved and submitted by a supervisor, never after submission', () => {
    expect(actionsFor(INSPECTION_WORKFLOW, 'PENDING', 'SUPERVISOR')).toEqual({
      start: true,
      saveDraft: false,
      submit: false,
    });
    expect(actionsFor(INSPECTION_WORKFLOW, 'IN_PROGRESS', 'SUPERVISOR')).toEqual({
      start: false,
      saveDraft: true,
      submit: true,
    });
    expect(actionsFor(INSPECTION_WORKFLOW, 'SUBMITTED', 'SUPERVISOR')).toEqual({
      start: false,
      saveDraft: false,
      submit: false,
    });
    expect(actionsFor(INSPECTION_WORKFLOW, 'IN_PROGRESS', 'CALLER').submit).toBe(false);
  });

  it('an appeal is decided once, by a manager', () => {
    const none = { uphold: false, overturn: false, overturnItems: false };
    expect(actionsFor(APPEAL_WORKFLOW, 'PENDING', 'MANAGER')).toEqual({
      uphold: true,
      overturn: true,
      overturnItems: true,
    });
    expect(actionsFor(APPEAL_WORKFLOW, 'PENDING', 'CALLER')).toEqual(none);
    expect(actionsFor(APPEAL_WORKFLOW, 'UPHELD', 'MANAGER')).toEqual(none);
    expect(actionsFor(APPEAL_WORKFLOW, 'OVERTURNED', 'MANAGER')).toEqual(none);
    expect(APPEAL_WORKFLOW.transitions.overturnItems.to).toBe('OVERTURNED');
    expect(APPEAL_WORKFLOW.transitions.overturn.to).toBe('OVERTURNED');
    expect(APPEAL_WORKFLOW.transitions.uphold.to).toBe('UPHELD');
  });

  it('incentive items are decided and re-decided until withdrawn; the sheet is approved once', () => {
    expect(actionsFor(INCENTIVE_ITEM_WORKFLOW, 'PROPOSED', 'MANAGER')).toEqual({
      approve: true,
      reject: true,
    });
    expect(actionsFor(INCENTIVE_ITEM_WORKFLOW, 'APPROVED', 'MANAGER')).toEqual({
      approve: false,
      reject: true,
    });
    expect(actionsFor(INCENTIVE_ITEM_WORKFLOW, 'REJECTED', 'MANAGER')).toEqual({
      approve: true,
      reject: false,
    });
    expect(actionsFor(INCENTIVE_ITEM_WORKFLOW, 'WITHDRAWN', 'MANAGER')).toEqual({
      approve: false,
      reject: false,
    });
    expect(actionsFor(INCENTIVE_ITEM_WORKFLOW, 'PROPOSED', 'LEAD')).toEqual({
      approve: false,
      reject: false,
    });
    expect(actionsFor(INCENTIVE_APPEAL_WORKFLOW, 'PENDING', 'MANAGER')).toEqual({
      uphold: true,
      overturn: true,
    });
    expect(actionsFor(INCENTIVE_APPEAL_WORKFLOW, 'PENDING', 'LEAD')).toEqual({
      uphold: false,
      overturn: false,
    });
    expect(actionsFor(INCENTIVE_APPEAL_WORKFLOW, 'UPHELD', 'MANAGER')).toEqual({
      uphold: false,
      overturn: false,
    });
    expect(INCENTIVE_APPEAL_WORKFLOW.transitions.overturn.to).toBe('OVERTURNED');
    expect(actionsFor(SHEET_WORKFLOW, 'OPEN', 'MANAGER')).toEqual({ approve: true });
    expect(actionsFor(SHEET_WORKFLOW, 'APPROVED', 'MANAGER')).toEqual({ approve: false });
    expect(actionsFor(SHEET_WORKFLOW, 'OPEN', 'ADMIN')).toEqual({ approve: false });
  });

  it('a ticket is started and answered by a handler, verified or reopened by the caller, closed by routing or management', () => {
    expect(actionsFor(TICKET_WORKFLOW, 'OPEN', 'HANDLER')).toEqual({
      start: true,
      respond: true,
      verify: false,
      reopen: false,
      route: false,
      close: false,
      forceClose: false,
    });
    expect(actionsFor(TICKET_WORKFLOW, 'RESPONDED', 'CALLER')).toEqual({
      start: false,
      respond: false,
      verify: true,
      reopen: true,
      route: false,
      close: false,
      forceClose: false,
    });
    expect(actionsFor(TICKET_WORKFLOW, 'VERIFIED', 'SUPERVISOR')).toMatchObject({
      close: true,
      forceClose: false,
    });
    expect(actionsFor(TICKET_WORKFLOW, 'IN_PROGRESS', 'SUPERVISOR')).toMatchObject({
      route: true,
      close: false,
      forceClose: false,
    });
    expect(actionsFor(TICKET_WORKFLOW, 'IN_PROGRESS', 'MANAGER')).toMatchObject({
      forceClose: true,
      route: true,
    });
    expect(Object.values(actionsFor(TICKET_WORKFLOW, 'CLOSED', 'MANAGER')).some(Boolean)).toBe(false);
    expect(actionsFor(TICKET_WORKFLOW, 'REOPENED', 'HANDLER')).toMatchObject({ start: true, respond: true });
    expect(actionsFor(TICKET_WORKFLOW, 'RESPONDED', 'HANDLER')).toMatchObject({
      start: false,
      respond: false,
    });
    expect(TICKET_WORKFLOW.transitions.verify.to).toBe('CLOSED');
    expect(TICKET_WORKFLOW.transitions.route.to).toBeNull();
  });

  it('a ticket runs (its SLA clock) while open, in progress or reopened', () => {
    expect(
      ['OPEN', 'IN_PROGRESS', 'RESPONDED', 'VERIFIED', 'REOPENED', 'CLOSED'].filter(isTicketRunning),
    ).toEqual(['OPEN', 'IN_PROGRESS', 'REOPENED']);
  });
});

describe('R-CAD-3 cadence rule approval', () => {
  it('admins and leads edit and submit, managers decide, nobody edits what awaits approval', async () => {
    const { actionsFor, CADENCE_RULE_WORKFLOW: W } = await import('./workflow.ts');
    expect(actionsFor(W, 'DRAFT', 'ADMIN')).toEqual({
      edit: true,
      submit: true,
      approve: false,
      reject: false,
    });
    expect(actionsFor(W, 'REJECTED', 'LEAD')).toEqual({
      edit: true,
      submit: true,
      approve: false,
      reject: false,
    });
    expect(actionsFor(W, 'APPROVED', 'LEAD')).toEqual({
      edit: true,
      submit: false,
      approve: false,
      reject: false,
    });
    expect(actionsFor(W, 'SUBMITTED', 'LEAD')).toEqual({
      edit: false,
      submit: false,
      approve: false,
      reject: false,
    });
    expect(actionsFor(W, 'SUBMITTED', 'MANAGER')).toEqual({
      edit: false,
      submit: false,
      approve: true,
      reject: true,
    });
    for (const role of ['SUPERVISOR', 'CALLER', 'HANDLER'] as const)
      for (const s of W.states)
        expect(Object.values(actionsFor(W, s, role)).some(Boolean), `${role} ${s}`).toBe(false);
  });
});
