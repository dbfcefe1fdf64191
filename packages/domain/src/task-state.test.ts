import { TASK_STATUSES, type TTaskStatus, VISIT_OUTCOMES } from '@huifang/contracts';
import { describe, expect, it } from 'vitest';
import { isTaskOpen, nextTaskState, TaskStateError } from './task-state.ts';

const open = (status: TTaskStatus = 'PENDING', attempts = 0, noAnswerDays: string[] = []) => ({
  status,
  attempts,
  noAnswerDays,
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

  it('WRONG_NUMBER closes the task as UNREACHABLE at once, without counting as done', () => {
    expect(nextTaskState(open('PENDING'), { outcome: 'WRONG_NUMBER', day: D1 })).toEqual({
      status: 'UNREACHABLE',
      attempts: 1,
      callBackAt: null,
      done: false,
      closes: true,
      consentRefused: false,
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

  describe('NO_ANSWER', () => {
    const noAnswer = (days: string[], day: string) =>
      nextTaskState(open(days.length ? 'IN_PROGRESS' : 'PENDING', days.length, days), {
        outcome: 'NO_ANSWER',
        day,
      });

    it('keeps the task in progress for the first and second unanswered call', () => {
      expect(noAnswer([], D1)).toMatchObject({ status: 'IN_PROGRESS', attempts: 1, closes: false });
      expect(noAnswer([D1], D2)).toMatchObject({ status: 'IN_PROGRESS', attempts: 2, closes: false });
    });

    it('closes as UNREACHABLE on the third unanswered call over two different days', () => {
      expect(noAnswer([D1, D1], D2)).toEqual({
        status: 'UNREACHABLE',
        attempts: 3,
        callBackAt: null,
        done: false,
        closes: true,
        consentRefused: false,
      });
      expect(noAnswer([D1, D2], D2)).toMatchObject({ status: 'UNREACHABLE' });
      expect(noAnswer([D1, D2], D3)).toMatchObject({ status: 'UNREACHABLE' });
    });

    it('stays open after three or more unanswered calls on one single day', () => {
      expect(noAnswer([D1, D1], D1)).toMatchObject({ status: 'IN_PROGRESS', attempts: 3, closes: false });
      expect(noAnswer([D1, D1, D1, D1], D1)).toMatchObject({ status: 'IN_PROGRESS', attempts: 5 });
      // …until one comes on another day
      expect(noAnswer([D1, D1, D1], D2)).toMatchObject({ status: 'UNREACHABLE', attempts: 4 });
    });

    it('counts only unanswered calls: other attempts do not make a task unreachable', () => {
      // Two earlier attempts, only one of which was unanswered (the other a call-back request)
      const r = nextTaskState(open('IN_PROGRESS', 2, [D1]), { outcome: 'NO_ANSWER', day: D2 });
      expect(r).toMatchObject({ status: 'IN_PROGRESS', attempts: 3 });
      const r2 = nextTaskState(open('IN_PROGRESS', 3, [D1, D2]), { outcome: 'NO_ANSWER', day: D2 });
      expect(r2).toMatchObject({ status: 'UNREACHABLE', attempts: 4 });
    });
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
