// Which task statuses are open and which count as finished (CANCELLED is neither).
import { TASK_STATUSES } from '@huifang/contracts';
import { describe, expect, it } from 'vitest';
import { isTaskFinished, isTaskOpen } from './task-state.ts';

describe('task statuses', () => {
  it('DONE and UNREACHABLE are finished; open and cancelled tasks are not', () => {
    expect(TASK_STATUSES.filter(isTaskFinished)).toEqual(['DONE', 'UNREACHABLE']);
  });
  it('PENDING and IN_PROGRESS are open', () => {
    expect(TASK_STATUSES.filter(isTaskOpen)).toEqual(['PENDING', 'IN_PROGRESS']);
  });
  it('CANCELLED is neither open nor finished', () => {
    expect(isTaskOpen('CANCELLED')).toBe(false);
    expect(isTaskFinished('CANCELLED')).toBe(false);
  });
});
