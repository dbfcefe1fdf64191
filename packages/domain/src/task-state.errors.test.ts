// The errors nextTaskState throws carry a code, a name and a message the API shows.
import { describe, expect, it } from 'vitest';
import { nextTaskState, TaskStateError } from './task-state.ts';

const caught = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
};

describe('TaskStateError', () => {
  it('names the closed status of a closed task', () => {
    for (const status of ['DONE', 'UNREACHABLE', 'CANCELLED'] as const) {
      const e = caught(() =>
        nextTaskState(
          { status, attempts: 1, unsuccessfulDays: [] },
          { outcome: 'COMPLETED', day: '2026-03-02' },
        ),
      );
      expect(e).toBeInstanceOf(TaskStateError);
      expect(e).toBeInstanceOf(Error);
      expect(e).toMatchObject({
        name: 'TaskStateError',
        code: 'TASK_CLOSED',
        message: `task is closed (${status})`,
      });
    }
  });
  it('asks for the agreed time of a call-back', () => {
    for (const callBackAt of [undefined, null]) {
      const e = caught(() =>
        nextTaskState(
          { status: 'PENDING', attempts: 0, unsuccessfulDays: [] },
          { outcome: 'CALL_BACK_LATER', day: '2026-03-02', callBackAt },
        ),
      );
      expect(e).toMatchObject({
        name: 'TaskStateError',
        code: 'CALL_BACK_TIME_REQUIRED',
        message: 'a call-back needs the agreed time',
      });
    }
  });
});
