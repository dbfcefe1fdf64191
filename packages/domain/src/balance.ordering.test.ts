// How balancePlan orders its choices: which item picks first, which day a caller gets, which
// caller a day-pinned item goes to, and what counts as a well-formed window.
import { describe, expect, it } from 'vitest';
import { type BalanceItem, balancePlan } from './balance.ts';

const A = 'caller-a';
const B = 'caller-b';
const item = (id: string, windowFrom: string, windowTo = windowFrom, extra: Partial<BalanceItem> = {}) => ({
  id,
  windowFrom,
  windowTo,
  manual: false,
  ...extra,
});
const manual = (id: string, callerId: string, dueDate: string) =>
  item(id, dueDate, dueDate, { manual: true, callerId, dueDate });

describe('days', () => {
  it('gives the earliest day when every day of the window is as free as the others', () => {
    expect(
      balancePlan({ items: [item('x', '2025-03-01', '2025-03-03')], callers: [A], dailyCap: 5 }),
    ).toEqual({
      assignments: [{ id: 'x', callerId: A, dueDate: '2025-03-01' }],
      unassigned: [],
    });
  });
  it('prefers the caller’s own free day to a day the team has less on', () => {
    // A has one item on the 2nd; B (not a candidate) has three on the 1st.
    const items = [
      manual('a-own', A, '2025-03-02'),
      manual('b1', B, '2025-03-01'),
      manual('b2', B, '2025-03-01'),
      manual('b3', B, '2025-03-01'),
      item('x', '2025-03-01', '2025-03-02'),
    ];
    const r = balancePlan({ items, callers: [A], dailyCap: 5 });
    expect(r.assignments.find((a) => a.id === 'x')).toEqual({ id: 'x', callerId: A, dueDate: '2025-03-01' });
  });
  it('breaks a tie on the caller’s own days by the team’s load', () => {
    const items = [manual('b1', B, '2025-03-01'), item('x', '2025-03-01', '2025-03-02')];
    const r = balancePlan({ items, callers: [A], dailyCap: 5 });
    expect(r.assignments.find((a) => a.id === 'x')?.dueDate).toBe('2025-03-02');
  });
  it('ignores the stale due date of an item not placed by hand', () => {
    const r = balancePlan({
      items: [item('x', '2025-03-01', '2025-03-03', { dueDate: '2025-03-03', callerId: B })],
      callers: [A],
      dailyCap: 5,
    });
    expect(r.assignments).toEqual([{ id: 'x', callerId: A, dueDate: '2025-03-01' }]);
  });
});

describe('which item picks first', () => {
  // One caller, one item a day; B's item on the 1st (outside the list) makes the 2nd the team's
  // quieter day, so the first item to pick takes the 2nd if it can.
  const busyFirst = manual('b1', B, '2025-03-01');
  const place = (items: BalanceItem[]) => {
    const r = balancePlan({ items: [busyFirst, ...items], callers: [A], dailyCap: 1 });
    return Object.fromEntries([
      ...r.assignments.map((a) => [a.id, a.dueDate]),
      ...r.unassigned.map((u) => [u.id, u.reason]),
    ]);
  };

  it('the earlier deadline first', () => {
    const wide = item('a', '2025-03-01', '2025-03-03');
    const tight = item('z', '2025-03-02', '2025-03-02');
    expect(place([wide, tight])).toEqual({ b1: '2025-03-01', a: '2025-03-03', z: '2025-03-02' });
    const early = item('z', '2025-03-01', '2025-03-01');
    const late = item('a', '2025-03-01', '2025-03-02');
    const r = balancePlan({ items: [late, early], callers: [A], dailyCap: 1 });
    expect(r.assignments).toEqual([
      { id: 'a', callerId: A, dueDate: '2025-03-02' },
      { id: 'z', callerId: A, dueDate: '2025-03-01' },
    ]);
  });
  it('for the same deadline, the shorter window first, whatever the input order', () => {
    const long = item('a', '2025-03-01', '2025-03-02');
    const short = item('z', '2025-03-02', '2025-03-02');
    expect(place([long, short])).toEqual({ b1: '2025-03-01', a: '2025-03-01', z: '2025-03-02' });
    expect(place([short, long])).toEqual({ b1: '2025-03-01', a: '2025-03-01', z: '2025-03-02' });
  });
  it('for the same window, the smaller id first, whatever the input order', () => {
    const r1 = balancePlan({
      items: [item('m', '2025-03-01', '2025-03-02'), item('k', '2025-03-01', '2025-03-02')],
      callers: [A],
      dailyCap: 1,
    });
    const r2 = balancePlan({
      items: [item('k', '2025-03-01', '2025-03-02'), item('m', '2025-03-01', '2025-03-02')],
      callers: [A],
      dailyCap: 1,
    });
    for (const r of [r1, r2]) {
      expect(Object.fromEntries(r.assignments.map((a) => [a.id, a.dueDate]))).toEqual({
        k: '2025-03-01',
        m: '2025-03-02',
      });
    }
  });
});

describe('half-manual items', () => {
  it('a pinned caller full on every day of the window leaves the item unplaced for lack of capacity', () => {
    const r = balancePlan({
      items: [
        manual('a1', A, '2025-03-01'),
        item('x', '2025-03-01', '2025-03-01', { manual: true, callerId: A }),
      ],
      callers: [A, B],
      dailyCap: 1,
    });
    expect(r.unassigned).toEqual([{ id: 'x', reason: 'NO_CAPACITY' }]);
  });
  it('a pinned caller who is not in the list still gets a day in the window', () => {
    const r = balancePlan({
      items: [item('x', '2025-03-01', '2025-03-02', { manual: true, callerId: 'guest' })],
      callers: [A],
      dailyCap: 1,
    });
    expect(r.assignments).toEqual([{ id: 'x', callerId: 'guest', dueDate: '2025-03-01' }]);
  });
  it('a pinned day goes to the least loaded caller with room on that day', () => {
    // A is the least loaded but full on the 2nd; B has room there.
    const items = [
      manual('a1', A, '2025-03-02'),
      manual('b1', B, '2025-03-01'),
      manual('b2', B, '2025-03-01'),
      item('x', '2025-03-01', '2025-03-03', { manual: true, dueDate: '2025-03-02' }),
    ];
    const r = balancePlan({ items, callers: [A, B], dailyCap: 1 });
    expect(r.assignments.find((a) => a.id === 'x')).toEqual({ id: 'x', callerId: B, dueDate: '2025-03-02' });
  });
  it('a pinned day full for every caller is NO_CAPACITY', () => {
    const items = [
      manual('a1', A, '2025-03-02'),
      manual('b1', B, '2025-03-02'),
      item('x', '2025-03-01', '2025-03-03', { manual: true, dueDate: '2025-03-02' }),
    ];
    const r = balancePlan({ items, callers: [A, B], dailyCap: 1 });
    expect(r.unassigned).toEqual([{ id: 'x', reason: 'NO_CAPACITY' }]);
  });
});

describe('windows', () => {
  it('takes only `YYYY-MM-DD` days, with nothing before or after', () => {
    const r = balancePlan({
      items: [
        item('trailing', '2025-03-01', '2025-03-03x'),
        item('leading', ' 2025-03-01', '2025-03-03'),
        item('both', '2025-03-01', '2025-03-03'),
      ],
      callers: [A],
      dailyCap: 5,
    });
    expect(r.unassigned).toEqual([
      { id: 'trailing', reason: 'INVALID_WINDOW' },
      { id: 'leading', reason: 'INVALID_WINDOW' },
    ]);
    expect(r.assignments).toEqual([{ id: 'both', callerId: A, dueDate: '2025-03-01' }]);
  });
});
