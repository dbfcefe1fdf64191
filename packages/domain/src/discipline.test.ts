import { describe, expect, it } from 'vitest';
import {
  ABUSE_PROTECTION_DAYS,
  ABUSE_REPORT_WORKFLOW,
  abuseReportGoesTo,
  MANUAL_INCENTIVE_KINDS,
  manualItemProblem,
  manualKindCarriesMoney,
  mayAddManualItemFor,
  mayDecideAbuseReport,
  protectedByReport,
  visitsPaused,
} from './discipline.ts';
import { actionsFor, checkTransition } from './workflow.ts';

describe('manual incentive items (R-DISC-1)', () => {
  it('are the five kinds, of which only the deduction carries money', () => {
    expect([...MANUAL_INCENTIVE_KINDS]).toEqual([
      'WARNING',
      'DEDUCTION',
      'DEMOTION_PROPOSAL',
      'HONOUR_CERTIFICATE',
      'PROMOTION_RECOMMENDATION',
    ]);
    expect(MANUAL_INCENTIVE_KINDS.filter(manualKindCarriesMoney)).toEqual(['DEDUCTION']);
  });

  it('a deduction needs a whole positive amount', () => {
    expect(manualItemProblem({ kind: 'DEDUCTION', amountFen: 5000 })).toBeNull();
    expect(manualItemProblem({ kind: 'DEDUCTION', amountFen: 1 })).toBeNull();
    for (const amountFen of [undefined, null, 0, -1, 1.5]) {
      expect(manualItemProblem({ kind: 'DEDUCTION', amountFen }), String(amountFen)).toMatchObject({
        field: 'amountFen',
      });
    }
  });

  it('every other kind refuses an amount and needs none', () => {
    for (const kind of MANUAL_INCENTIVE_KINDS.filter((k) => k !== 'DEDUCTION')) {
      expect(manualItemProblem({ kind, amountFen: undefined }), kind).toBeNull();
      expect(manualItemProblem({ kind, amountFen: null }), kind).toBeNull();
      expect(manualItemProblem({ kind, amountFen: 100 }), kind).toEqual({
        field: 'amountFen',
        message: `A ${kind} carries no money`,
      });
      // zero is still money named
      expect(manualItemProblem({ kind, amountFen: 0 }), kind).not.toBeNull();
    }
  });

  it('a manager adds them for anyone, a lead for their own team but not themself, nobody else at all', () => {
    const member = { id: 'c1', teamId: 'T1' };
    const other = { id: 'c4', teamId: 'T2' };
    const noTeam = { id: 's1', teamId: null };
    expect(mayAddManualItemFor({ id: 'm', role: 'MANAGER', teamId: null }, other)).toBe(true);
    expect(mayAddManualItemFor({ id: 'm', role: 'MANAGER', teamId: null }, noTeam)).toBe(true);
    expect(mayAddManualItemFor({ id: 'l', role: 'LEAD', teamId: 'T1' }, member)).toBe(true);
    expect(mayAddManualItemFor({ id: 'l', role: 'LEAD', teamId: 'T1' }, other)).toBe(false);
    expect(mayAddManualItemFor({ id: 'l', role: 'LEAD', teamId: 'T1' }, { id: 'l', teamId: 'T1' })).toBe(
      false,
    );
    expect(mayAddManualItemFor({ id: 'l', role: 'LEAD', teamId: null }, noTeam)).toBe(false);
    for (const role of ['ADMIN', 'SUPERVISOR', 'CALLER', 'HANDLER'] as const)
      expect(mayAddManualItemFor({ id: 'x', role, teamId: 'T1' }, member), role).toBe(false);
  });
});

describe('customer-abuse reports (R-DISC-2)', () => {
  const caller = { id: 'c1', role: 'CALLER' as const, activeTeamLeaderId: 'l1' };
  const orphan = { id: 'c9', role: 'CALLER' as const, activeTeamLeaderId: null };
  const lead = { id: 'l1', role: 'LEAD' as const, activeTeamLeaderId: 'l1' };

  it("go to the reporter's team lead, or to the managers when there is none or the reporter is the lead", () => {
    expect(abuseReportGoesTo(caller)).toEqual({ to: 'LEAD', userId: 'l1' });
    expect(abuseReportGoesTo(orphan)).toEqual({ to: 'MANAGERS' });
    expect(abuseReportGoesTo(lead)).toEqual({ to: 'MANAGERS' });
  });

  it('are decided by that lead or any manager, never by another lead or the reporter', () => {
    expect(mayDecideAbuseReport({ id: 'l1', role: 'LEAD' }, caller)).toBe(true);
    expect(mayDecideAbuseReport({ id: 'l2', role: 'LEAD' }, caller)).toBe(false);
    expect(mayDecideAbuseReport({ id: 'm', role: 'MANAGER' }, caller)).toBe(true);
    expect(mayDecideAbuseReport({ id: 'm', role: 'MANAGER' }, orphan)).toBe(true);
    expect(mayDecideAbuseReport({ id: 'l1', role: 'LEAD' }, orphan)).toBe(false);
    expect(mayDecideAbuseReport({ id: 'l1', role: 'LEAD' }, lead)).toBe(false);
    expect(mayDecideAbuseReport({ id: 'c1', role: 'MANAGER' }, { ...caller, role: 'MANAGER' })).toBe(false);
    for (const role of ['ADMIN', 'SUPERVISOR', 'CALLER', 'HANDLER'] as const)
      expect(mayDecideAbuseReport({ id: 'l1', role }, caller), role).toBe(false);
  });

  it('can always be decided by someone: a manager, whoever reported', () => {
    for (const r of [caller, orphan, lead])
      expect(mayDecideAbuseReport({ id: 'm', role: 'MANAGER' }, r)).toBe(true);
  });

  it('are confirmed or dismissed once, from PENDING, with abuse:decide', () => {
    expect(actionsFor(ABUSE_REPORT_WORKFLOW, 'PENDING', 'LEAD')).toEqual({ confirm: true, dismiss: true });
    expect(actionsFor(ABUSE_REPORT_WORKFLOW, 'PENDING', 'MANAGER')).toEqual({ confirm: true, dismiss: true });
    expect(actionsFor(ABUSE_REPORT_WORKFLOW, 'PENDING', 'CALLER')).toEqual({
      confirm: false,
      dismiss: false,
    });
    for (const s of ['CONFIRMED', 'DISMISSED'])
      expect(checkTransition(ABUSE_REPORT_WORKFLOW, 'confirm', s, 'MANAGER')).toEqual({
        ok: false,
        reason: 'STATE',
      });
  });

  describe('protect the reporter once confirmed', () => {
    const at = new Date('2026-03-18T02:00:00Z');
    const report = { reporterId: 'c1', customerId: 'k1', status: 'CONFIRMED', createdAt: at };
    const day = 86_400_000;
    const rec = (ms: number, over: Partial<{ userId: string; customerId: string }> = {}) => ({
      userId: 'c1',
      customerId: 'k1',
      at: new Date(at.getTime() + ms),
      kind: 'RECORD' as const,
      ...over,
    });

    it('a record of the reporter with that customer, from the window start up to the report', () => {
      expect(protectedByReport(rec(0), report)).toBe(true);
      expect(protectedByReport(rec(-ABUSE_PROTECTION_DAYS * day), report)).toBe(true);
      expect(protectedByReport(rec(-ABUSE_PROTECTION_DAYS * day - 1), report)).toBe(false);
      expect(protectedByReport(rec(1), report)).toBe(false);
    });

    it("a complaint from the window start on, also after the report (the customer's answer to it)", () => {
      const complaint = (ms: number) => ({ ...rec(ms), kind: 'COMPLAINT' as const });
      expect(protectedByReport(complaint(10 * day), report)).toBe(true);
      expect(protectedByReport(complaint(-ABUSE_PROTECTION_DAYS * day), report)).toBe(true);
      expect(protectedByReport(complaint(-ABUSE_PROTECTION_DAYS * day - 1), report)).toBe(false);
    });

    it('nothing of another caller or another customer, nothing while pending or once dismissed', () => {
      expect(protectedByReport(rec(0, { userId: 'c2' }), report)).toBe(false);
      expect(protectedByReport(rec(0, { customerId: 'k2' }), report)).toBe(false);
      expect(protectedByReport(rec(0), { ...report, status: 'PENDING' })).toBe(false);
      expect(protectedByReport(rec(0), { ...report, status: 'DISMISSED' })).toBe(false);
    });
  });

  it('pause visits while a confirmed report stands unlifted', () => {
    const lifted = new Date('2026-03-20T00:00:00Z');
    expect(visitsPaused([])).toBe(false);
    expect(visitsPaused([{ status: 'PENDING', liftedAt: null }])).toBe(false);
    expect(visitsPaused([{ status: 'DISMISSED', liftedAt: null }])).toBe(false);
    expect(visitsPaused([{ status: 'CONFIRMED', liftedAt: lifted }])).toBe(false);
    expect(visitsPaused([{ status: 'CONFIRMED', liftedAt: null }])).toBe(true);
    expect(
      visitsPaused([
        { status: 'CONFIRMED', liftedAt: lifted },
        { status: 'CONFIRMED', liftedAt: null },
      ]),
    ).toBe(true);
  });
});
