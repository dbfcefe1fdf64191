import { TASK_STATUSES, type TTaskStatus, VISIT_OUTCOMES } from '@huifang/contracts';
import { describe, expect, it } from 'vitest';
import { isTaskOpen, isUnsuccessful, nextTaskState, TaskStateError } from './task-state.ts';

const open = (status: TTaskStatus = 'PENDING', attempts = 0, unsuccessfulDays: string[] = []) => ({
  status,
  attempts,
  unsuccessfulDays,
});
const D1 = '2026-03-02';
const D2 = '2026-03-03';
const D3 = '2026-03-05';

describe('nextTaskState', () => {
  it('counts every attempt, whatever its outcome', () => {
    const cb = new Date('2026-03-04T02:00:00Z');
    for (const outcome of VISIT_OUTCOMES) {
      const r = nextTaskState(open('IN_PROGRESS', 4), { outcome, day: D1, callBackAt: cb });
      expect(r.attempts).toBe(5);
    }
  });

  it('COMPLETED finishes the task', () => {
    expect(nextTaskState(open('PENDING'), { outcome: 'COMPLETED', day: D1 })).toEqual({
      status: 'DONE',
      attempts: 1,
      callBackAt: null,
      done: true,
      closes: true,
      consentRefused: false,
    });
  });

  it('DECLINED finishes the task and turns the consent into "refuses visits"', () => {
    expect(nextTaskState(open('IN_PROGRESS', 2, [D1]), { outcome: 'DECLINED', day: D2 })).toEqual({
      status: 'DONE',
      attempts: 3,
      callBackAt: null,
      done: true,
      closes: true,
      consentRefused: true,
    });
  });

  it('WRONG_NUMBER alone does not close the task: it is one unsuccessful attempt', () => {
    expect(nextTaskState(open('PENDING'), { outcome: 'WRONG_NUMBER', day: D1 })).toEqual({
      status: 'IN_PROGRESS',
      attempts: 1,
      callBackAt: null,
      done: false,
      closes: false,
      consentRefused: false,
    });
    expect(nextTaskState(open('IN_PROGRESS', 1, [D1]), { outcome: 'WRONG_NUMBER', day: D2 })).toMatchObject({
      status: 'IN_PROGRESS',
      attempts: 2,
      closes: false,
    });
  });

  it('CALL_BACK_LATER keeps the task open with the agreed time', () => {
    const at = new Date('2026-03-03T02:00:00Z');
    expect(nextTaskState(open('PENDING'), { outcome: 'CALL_BACK_LATER', day: D1, callBackAt: at })).toEqual({
      status: 'IN_PROGRESS',
      attempts: 1,
      callBackAt: at,
      done: false,
      closes: false,
      consentRefused: false,
    });
  });

  it('CALL_BACK_LATER without a time is refused', () => {
    expect(() => nextTaskState(open(), { outcome: 'CALL_BACK_LATER', day: D1 })).toThrow(TaskStateError);
    try {
      nextTaskState(open(), { outcome: 'CALL_BACK_LATER', day: D1, callBackAt: null });
    } catch (e) {
      expect((e as TaskStateError).code).toBe('CALL_BACK_TIME_REQUIRED');
    }
  });

  it('any other outcome clears a pending call-back time', () => {
    for (const outcome of ['COMPLETED', 'NO_ANSWER', 'DECLINED', 'WRONG_NUMBER'] as const) {
      expect(nextTaskState(open('IN_PROGRESS', 1), { outcome, day: D1 }).callBackAt).toBeNull();
    }
  });

  describe.each(['NO_ANSWER', 'WRONG_NUMBER'] as const)('%s (an unsuccessful attempt)', (outcome) => {
    const attempt = (days: string[], day: string) =>
      nextTaskState(open(days.length ? 'IN_PROGRESS' : 'PENDING', days.length, days), { outcome, day });

    it('keeps the task in progress for the first and second unsuccessful attempt', () => {
      expect(attempt([], D1)).toMatchObject({ status: 'IN_PROGRESS', attempts: 1, closes: false });
      expect(attempt([D1], D2)).toMatchObject({ status: 'IN_PROGRESS', attempts: 2, closes: false });
    });

    it('closes as UNREACHABLE on the third unsuccessful attempt over two different days', () => {
      expect(attempt([D1, D1], D2)).toEqual({
        status: 'UNREACHABLE',
        attempts: 3,
        callBackAt: null,
        done: false,
        closes: true,
        consentRefused: false,
      });
      expect(attempt([D1, D2], D2)).toMatchObject({ status: 'UNREACHABLE' });
      expect(attempt([D1, D2], D3)).toMatchObject({ status: 'UNREACHABLE' });
    });

    it('stays open after three or more unsuccessful attempts on one single day', () => {
      expect(attempt([D1, D1], D1)).toMatchObject({ status: 'IN_PROGRESS', attempts: 3, closes: false });
      expect(attempt([D1, D1, D1, D1], D1)).toMatchObject({ status: 'IN_PROGRESS', attempts: 5 });
      // …until one comes on another day
      expect(attempt([D1, D1, D1], D2)).toMatchObject({ status: 'UNREACHABLE', attempts: 4 });
    });

    it('counts only unsuccessful attempts: other attempts do not make a task unreachable', () => {
      // Two earlier attempts, only one of which was unsuccessful (the other a call-back request)
      const r = nextTaskState(open('IN_PROGRESS', 2, [D1]), { outcome, day: D2 });
      expect(r).toMatchObject({ status: 'IN_PROGRESS', attempts: 3 });
      const r2 = nextTaskState(open('IN_PROGRESS', 3, [D1, D2]), { outcome, day: D2 });
      expect(r2).toMatchObject({ status: 'UNREACHABLE', attempts: 4 });
    });
  });

  it('NO_ANSWER and WRONG_NUMBER count together toward UNREACHABLE', () => {
    const r = nextTaskState(open('IN_PROGRESS', 2, [D1, D1]), { outcome: 'WRONG_NUMBER', day: D2 });
    expect(r).toMatchObject({ status: 'UNREACHABLE', attempts: 3, closes: true, done: false });
    const r2 = nextTaskState(open('IN_PROGRESS', 2, [D1, D2]), { outcome: 'NO_ANSWER', day: D2 });
    expect(r2).toMatchObject({ status: 'UNREACHABLE', attempts: 3 });
    const r3 = nextTaskState(open('IN_PROGRESS', 2, [D1, D1]), { outcome: 'WRONG_NUMBER', day: D1 });
    expect(r3).toMatchObject({ status: 'IN_PROGRESS', attempts: 3 });
  });

  it('isUnsuccessful: NO_ANSWER and WRONG_NUMBER only', () => {
    expect(VISIT_OUTCOMES.filter(isUnsuccessful)).toEqual(['NO_ANSWER', 'WRONG_NUMBER']);
  });

  it('refuses any attempt on a closed task', () => {
    for (const status of ['DONE', 'UNREACHABLE', 'CANCELLED'] as const) {
      for (const outcome of VISIT_OUTCOMES) {
        let error: unknown;
        try {
          nextTaskState(open(status, 3), { outcome, day: D1, callBackAt: new Date() });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(TaskStateError);
        expect((error as TaskStateError).code).toBe('TASK_CLOSED');
      }
    }
  });

  it('isTaskOpen: only PENDING and IN_PROGRESS are open', () => {
    expect(TASK_STATUSES.filter(isTaskOpen)).toEqual(['PENDING', 'IN_PROGRESS']);
  });
});
