import type { TChainStep } from '@huifang/contracts';
import { JOB_TITLES, ROLES } from '@huifang/contracts/values';
import { describe, expect, it } from 'vitest';
import {
  chainProblems,
  DEFAULT_APPROVAL_CHAINS,
  matchesStep,
  resolveChainStep,
  rollupAuthor,
  signOffAfterAmendment,
  signOffDecision,
  signOffRateBp,
  stepRoles,
  stepsOf,
} from './approval-chain.ts';

const deputy: TChainStep = { role: 'MANAGER', title: 'DEPUTY_DIRECTOR' };
const director: TChainStep = { role: 'MANAGER', title: 'DIRECTOR' };
const anyManager: TChainStep = { role: 'MANAGER', title: null };
const seed001 = { reportSteps: [deputy, director], planSteps: [deputy, director] };

describe('matchesStep (R-CHAIN-1)', () => {
  it('needs the role, and the title only when the step names one', () => {
    for (const role of ROLES) {
      for (const title of [null, ...JOB_TITLES]) {
        expect(matchesStep(anyManager, { role, title })).toBe(role === 'MANAGER');
        expect(matchesStep(deputy, { role, title })).toBe(role === 'MANAGER' && title === 'DEPUTY_DIRECTOR');
      }
    }
  });
});

describe('stepRoles: who may be named at a step (from the role table)', () => {
  it('plans: the managers; reports: supervisors and managers; appeals: managers and supervisors', () => {
    expect(stepRoles('plan')).toEqual(['MANAGER']);
    expect(stepRoles('report')).toEqual(['MANAGER', 'SUPERVISOR']);
    expect(stepRoles('rollup')).toEqual(['MANAGER', 'SUPERVISOR']);
    expect(stepRoles('appeal')).toEqual(['MANAGER', 'SUPERVISOR']);
  });
});

describe('chainProblems', () => {
  it('the defaults and seed 001’s chains are valid', () => {
    expect(chainProblems(DEFAULT_APPROVAL_CHAINS)).toEqual([]);
    expect(
      chainProblems({
        planSteps: [deputy, director],
        reportSteps: [deputy],
        rollupSteps: [director],
        appealDecider: { role: 'SUPERVISOR', title: 'SERVICE_SUPERVISOR' },
      }),
    ).toEqual([]);
  });

  it('counts: plans one or two steps, reports and roll-ups one to three', () => {
    const base = DEFAULT_APPROVAL_CHAINS;
    expect(chainProblems({ ...base, planSteps: [] })).toEqual([{ field: 'planSteps', reason: 'COUNT' }]);
    expect(chainProblems({ ...base, planSteps: [anyManager, deputy, director] })).toEqual([
      { field: 'planSteps', reason: 'COUNT' },
    ]);
    expect(chainProblems({ ...base, reportSteps: [] })).toEqual([{ field: 'reportSteps', reason: 'COUNT' }]);
    expect(
      chainProblems({
        ...base,
        reportSteps: [{ role: 'SUPERVISOR', title: null }, deputy, director],
      }),
    ).toEqual([]);
    expect(
      chainProblems({
        ...base,
        rollupSteps: [{ role: 'SUPERVISOR', title: null }, deputy, director, anyManager],
      }),
    ).toEqual([{ field: 'rollupSteps', reason: 'COUNT' }]);
  });

  it('a role without the approving permission, an unknown title, the same step twice in a row', () => {
    const base = DEFAULT_APPROVAL_CHAINS;
    expect(chainProblems({ ...base, planSteps: [{ role: 'LEAD', title: null }] })).toEqual([
      { field: 'planSteps.0.role', reason: 'ROLE' },
    ]);
    expect(chainProblems({ ...base, reportSteps: [{ role: 'CALLER', title: null }] })).toEqual([
      { field: 'reportSteps.0.role', reason: 'ROLE' },
    ]);
    expect(chainProblems({ ...base, appealDecider: { role: 'ADMIN', title: null } })).toEqual([
      { field: 'appealDecider.0.role', reason: 'ROLE' },
    ]);
    expect(chainProblems({ ...base, planSteps: [{ role: 'MANAGER', title: 'BOSS' as never }] })).toEqual([
      { field: 'planSteps.0.title', reason: 'TITLE' },
    ]);
    expect(chainProblems({ ...base, planSteps: [deputy, deputy] })).toEqual([
      { field: 'planSteps.1', reason: 'REPEATED' },
    ]);
  });
});

describe('resolveChainStep (R-CHAIN-2)', () => {
  const steps = seed001.reportSteps;
  const asDeputy = { role: 'MANAGER' as const, title: 'DEPUTY_DIRECTOR' };
  const asDirector = { role: 'MANAGER' as const, title: 'DIRECTOR' };

  it('the deputy passes it on, the director approves it finally', () => {
    expect(resolveChainStep(steps, 'SUBMITTED', 0, asDeputy, 'approve')).toEqual({
      ok: true,
      final: false,
      nextStep: 1,
    });
    expect(resolveChainStep(steps, 'SUBMITTED', 1, asDirector, 'approve')).toEqual({
      ok: true,
      final: true,
      nextStep: 1,
    });
  });

  it('only the step due acts: the director cannot jump the deputy, nor the deputy decide twice', () => {
    expect(resolveChainStep(steps, 'SUBMITTED', 0, asDirector, 'approve')).toEqual({
      ok: false,
      reason: 'NOT_YOUR_STEP',
      due: deputy,
    });
    expect(resolveChainStep(steps, 'SUBMITTED', 1, asDeputy, 'approve')).toEqual({
      ok: false,
      reason: 'NOT_YOUR_STEP',
      due: director,
    });
    expect(resolveChainStep(steps, 'SUBMITTED', 0, { role: 'SUPERVISOR', title: null }, 'return')).toEqual({
      ok: false,
      reason: 'NOT_YOUR_STEP',
      due: deputy,
    });
  });

  it('returning is the step due’s at any step, and goes back to the author', () => {
    expect(resolveChainStep(steps, 'SUBMITTED', 0, asDeputy, 'return')).toEqual({
      ok: true,
      final: false,
      nextStep: 0,
    });
    expect(resolveChainStep(steps, 'SUBMITTED', 1, asDirector, 'return')).toEqual({
      ok: true,
      final: false,
      nextStep: 1,
    });
  });

  it('nothing is due unless SUBMITTED, or when the step is past the chain', () => {
    for (const status of ['DRAFT', 'RETURNED', 'APPROVED', 'REJECTED', 'CLOSED']) {
      for (const d of ['approve', 'return'] as const) {
        expect(resolveChainStep(steps, status, 0, asDeputy, d)).toMatchObject({ ok: false, reason: 'STATE' });
      }
    }
    expect(resolveChainStep(steps, 'SUBMITTED', 2, asDirector, 'approve')).toEqual({
      ok: false,
      reason: 'STATE',
      due: null,
    });
    expect(resolveChainStep([], 'SUBMITTED', 0, asDirector, 'approve')).toMatchObject({ reason: 'STATE' });
  });

  it('a one-step chain approves at once', () => {
    expect(
      resolveChainStep(
        DEFAULT_APPROVAL_CHAINS.reportSteps,
        'SUBMITTED',
        0,
        { role: 'SUPERVISOR', title: null },
        'approve',
      ),
    ).toEqual({ ok: true, final: true, nextStep: 0 });
  });
});

describe('stepsOf: a document keeps the chain it was submitted with (decision 016)', () => {
  it('reads the stored steps; falls back for none or a damaged value', () => {
    expect(stepsOf([deputy, director], [anyManager])).toEqual([deputy, director]);
    expect(stepsOf(null, [anyManager])).toEqual([anyManager]);
    expect(stepsOf([], [anyManager])).toEqual([anyManager]);
    expect(stepsOf([{ role: 'KING', title: null }], [anyManager])).toEqual([anyManager]);
    expect(stepsOf([{ role: 'MANAGER', title: 3 }], [anyManager])).toEqual([anyManager]);
    expect(stepsOf('x', [anyManager])).toEqual([anyManager]);
    expect(stepsOf([{ role: 'MANAGER' }], [director])).toEqual([director]);
  });
});

describe('rollupAuthor (R-CHAIN-3)', () => {
  it('is the last step of the team reports’ chain', () => {
    expect(rollupAuthor({ reportSteps: [deputy] })).toEqual(deputy);
    expect(rollupAuthor({ reportSteps: [{ role: 'SUPERVISOR', title: null }, deputy] })).toEqual(deputy);
    expect(rollupAuthor({ reportSteps: [] })).toEqual(DEFAULT_APPROVAL_CHAINS.reportSteps[0]);
  });
});

describe('the lead’s sign-off (R-CHAIN-5)', () => {
  it('a waiting record is signed off, or sent back with a comment', () => {
    expect(signOffDecision(null, 'SIGN_OFF', undefined)).toEqual({ ok: true, to: 'SIGNED_OFF' });
    expect(signOffDecision(null, 'SIGN_OFF', 'fine')).toEqual({ ok: true, to: 'SIGNED_OFF' });
    expect(signOffDecision(null, 'SEND_BACK', '满意度与意见不一致')).toEqual({ ok: true, to: 'SENT_BACK' });
    for (const c of [undefined, null, '', '   ']) {
      expect(signOffDecision(null, 'SEND_BACK', c)).toEqual({ ok: false, reason: 'COMMENT_REQUIRED' });
    }
  });

  it('a decided record is not decided again until amended', () => {
    for (const state of ['SIGNED_OFF', 'SENT_BACK'] as const) {
      for (const d of ['SIGN_OFF', 'SEND_BACK'] as const) {
        expect(signOffDecision(state, d, 'x')).toEqual({ ok: false, reason: 'ALREADY_DECIDED' });
      }
      expect(signOffAfterAmendment(state)).toBeNull();
    }
    expect(signOffAfterAmendment(null)).toBeNull();
  });

  it('the rate: signed off over the month’s records, floored, null with none', () => {
    expect(signOffRateBp(0, 0)).toBeNull();
    expect(signOffRateBp(0, 3)).toBe(0);
    expect(signOffRateBp(1, 3)).toBe(3333);
    expect(signOffRateBp(2, 3)).toBe(6666);
    expect(signOffRateBp(3, 3)).toBe(10000);
    expect(signOffRateBp(5, 3)).toBe(10000);
  });
});
