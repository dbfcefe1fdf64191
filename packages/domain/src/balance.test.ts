import { describe, expect, it } from 'vitest';
import { type BalanceInput, type BalanceItem, type BalanceResult, balancePlan } from './balance.ts';
import { addDays, daysBetween } from './time.ts';

const item = (id: string, windowFrom: string, windowTo = windowFrom, extra: Partial<BalanceItem> = {}) => ({
  id,
  windowFrom,
  windowTo,
  manual: false,
  ...extra,
});

const many = (n: number, from: string, to = from, prefix = 'i'): BalanceItem[] =>
  Array.from({ length: n }, (_, k) => item(`${prefix}${String(k).padStart(5, '0')}`, from, to));

function counts(result: BalanceResult, callers: readonly string[]): number[] {
  return callers.map((c) => result.assignments.filter((a) => a.callerId === c).length);
}

function perCallerDay(result: BalanceResult): Map<string, number> {
  const m = new Map<string, number>();
  for (const a of result.assignments)
    m.set(`${a.callerId}|${a.dueDate}`, (m.get(`${a.callerId}|${a.dueDate}`) ?? 0) + 1);
  return m;
}

/** Properties every answer must have. */
function checkInvariants(input: BalanceInput, result: BalanceResult) {
  const ids = [...result.assignments.map((a) => a.id), ...result.unassigned.map((u) => u.id)];
  expect(ids.sort()).toEqual(input.items.map((i) => i.id).sort());
  const byId = new Map(input.items.map((i) => [i.id, i]));
  for (const a of result.assignments) {
    const it = byId.get(a.id)!;
    if (it.manual && it.callerId && it.dueDate) {
      expect(a).toEqual({ id: it.id, callerId: it.callerId, dueDate: it.dueDate });
      continue;
    }
    expect(a.dueDate >= it.windowFrom && a.dueDate <= it.windowTo).toBe(true);
    if (!(it.manual && it.callerId)) expect(input.callers).toContain(a.callerId);
  }
  const manualOverCap = input.items.some((i) => i.manual);
  if (!manualOverCap)
    for (const n of perCallerDay(result).values()) expect(n).toBeLessThanOrEqual(input.dailyCap);
}

const A = 'caller-a';
const B = 'caller-b';
const C = 'caller-c';

describe('balancePlan', () => {
  it('splits 10 items over 3 callers as 4/3/3', () => {
    const input = { items: many(10, '2025-03-01', '2025-03-31'), callers: [A, B, C], dailyCap: 20 };
    const result = balancePlan(input);
    checkInvariants(input, result);
    expect(counts(result, [A, B, C])).toEqual([4, 3, 3]);
    expect(result.unassigned).toEqual([]);
  });

  it('keeps counts within one of each other for any count of items and callers', () => {
    for (const callerCount of [1, 2, 3, 5, 7]) {
      const callers = Array.from({ length: callerCount }, (_, k) => `c${k}`);
      for (const n of [0, 1, 2, 6, 13, 50, 101]) {
        const input = { items: many(n, '2025-03-01', '2025-03-10'), callers, dailyCap: 50 };
        const result = balancePlan(input);
        checkInvariants(input, result);
        const c = counts(result, callers);
        expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
        expect(c.reduce((s, x) => s + x, 0)).toBe(n);
      }
    }
  });

  it('spreads due dates over the window instead of piling them on its first day', () => {
    const input = { items: many(30, '2025-04-01', '2025-04-30'), callers: [A, B, C], dailyCap: 20 };
    const result = balancePlan(input);
    checkInvariants(input, result);
    const days = new Set(result.assignments.map((a) => a.dueDate));
    expect(days.size).toBe(30);
    for (const c of [A, B, C]) {
      const own = result.assignments.filter((a) => a.callerId === c).map((a) => a.dueDate);
      expect(new Set(own).size).toBe(10);
    }
  });

  it('puts at most dailyCap items on one caller per day and reports the rest as NO_CAPACITY', () => {
    const input = { items: many(10, '2025-05-06'), callers: [A, B, C], dailyCap: 2 };
    const result = balancePlan(input);
    checkInvariants(input, result);
    expect(counts(result, [A, B, C])).toEqual([2, 2, 2]);
    expect(result.unassigned).toHaveLength(4);
    expect(new Set(result.unassigned.map((u) => u.reason))).toEqual(new Set(['NO_CAPACITY']));
  });

  it('fills the capacity exactly when there are more items than room', () => {
    // 2 callers × 3 per day × 5 days = 30 places for 40 items
    const input = { items: many(40, '2025-06-02', '2025-06-06'), callers: [A, B], dailyCap: 3 };
    const result = balancePlan(input);
    checkInvariants(input, result);
    expect(result.assignments).toHaveLength(30);
    expect(result.unassigned).toHaveLength(10);
    expect(counts(result, [A, B])).toEqual([15, 15]);
    for (const n of perCallerDay(result).values()) expect(n).toBe(3);
  });

  it('gives one-day windows that day', () => {
    const items = [item('x', '2025-07-09'), item('y', '2025-07-10'), item('z', '2025-07-09')];
    const input = { items, callers: [A, B], dailyCap: 5 };
    const result = balancePlan(input);
    checkInvariants(input, result);
    const due = Object.fromEntries(result.assignments.map((a) => [a.id, a.dueDate]));
    expect(due).toEqual({ x: '2025-07-09', y: '2025-07-10', z: '2025-07-09' });
  });

  it('places the earliest deadlines first so tight windows still fit', () => {
    // One caller, one item a day: the wide item must yield day 1 to the one-day item.
    const items = [item('wide', '2025-08-01', '2025-08-02'), item('tight', '2025-08-01')];
    const input = { items, callers: [A], dailyCap: 1 };
    const result = balancePlan(input);
    checkInvariants(input, result);
    expect(result.unassigned).toEqual([]);
    const due = Object.fromEntries(result.assignments.map((a) => [a.id, a.dueDate]));
    expect(due).toEqual({ tight: '2025-08-01', wide: '2025-08-02' });
  });

  it('moves to the next caller when the least loaded one is full in the window', () => {
    const items = [
      item('m1', '2025-09-01', '2025-09-01', { manual: true, callerId: B, dueDate: '2025-09-01' }),
      item('m2', '2025-09-01', '2025-09-01', { manual: true, callerId: B, dueDate: '2025-09-01' }),
      item('m3', '2025-09-02', '2025-09-02', { manual: true, callerId: A, dueDate: '2025-09-02' }),
      item('n1', '2025-09-02'),
    ];
    // A has 1, B has 2; n1 (only the 2nd) should go to A, but A is at the cap that day.
    const result = balancePlan({ items, callers: [A, B], dailyCap: 1 });
    expect(result.assignments.find((a) => a.id === 'n1')).toEqual({
      id: 'n1',
      callerId: B,
      dueDate: '2025-09-02',
    });
  });

  it('keeps manual items as they are and counts them toward load', () => {
    const items = [
      item('m1', '2025-10-01', '2025-10-31', { manual: true, callerId: A, dueDate: '2025-10-15' }),
      item('m2', '2025-10-01', '2025-10-31', { manual: true, callerId: A, dueDate: '2025-10-16' }),
      ...many(4, '2025-10-01', '2025-10-31'),
    ];
    const input = { items, callers: [A, B, C], dailyCap: 10 };
    const result = balancePlan(input);
    checkInvariants(input, result);
    expect(result.assignments.find((a) => a.id === 'm1')).toEqual({
      id: 'm1',
      callerId: A,
      dueDate: '2025-10-15',
    });
    expect(counts(result, [A, B, C])).toEqual([2, 2, 2]);
  });

  it('counts manual items toward the daily cap', () => {
    const items = [
      item('m', '2025-11-03', '2025-11-03', { manual: true, callerId: A, dueDate: '2025-11-03' }),
      item('n', '2025-11-03'),
    ];
    expect(balancePlan({ items, callers: [A], dailyCap: 1 }).unassigned).toEqual([
      { id: 'n', reason: 'NO_CAPACITY' },
    ]);
    expect(balancePlan({ items, callers: [A, B], dailyCap: 1 }).assignments).toContainEqual({
      id: 'n',
      callerId: B,
      dueDate: '2025-11-03',
    });
  });

  it('keeps a manual item even over the cap or with a caller who is not in the list', () => {
    const items = [
      item('m1', '2025-11-03', '2025-11-03', { manual: true, callerId: A, dueDate: '2025-11-03' }),
      item('m2', '2025-11-03', '2025-11-03', { manual: true, callerId: A, dueDate: '2025-11-03' }),
      item('gone', '2025-11-03', '2025-11-03', { manual: true, callerId: 'left', dueDate: '2025-11-03' }),
      item('n', '2025-11-03'),
    ];
    const result = balancePlan({ items, callers: [A, B], dailyCap: 1 });
    expect(result.assignments).toEqual([
      { id: 'm1', callerId: A, dueDate: '2025-11-03' },
      { id: 'm2', callerId: A, dueDate: '2025-11-03' },
      { id: 'gone', callerId: 'left', dueDate: '2025-11-03' },
      { id: 'n', callerId: B, dueDate: '2025-11-03' },
    ]);
  });

  it('fills in what a half-manual item lacks: a day for a pinned caller, a caller for a pinned day', () => {
    const items = [
      item('callerOnly', '2025-12-01', '2025-12-05', { manual: true, callerId: C }),
      item('dayOnly', '2025-12-01', '2025-12-05', { manual: true, dueDate: '2025-12-04' }),
    ];
    const result = balancePlan({ items, callers: [A, B, C], dailyCap: 5 });
    const byId = Object.fromEntries(result.assignments.map((a) => [a.id, a]));
    expect(byId.callerOnly?.callerId).toBe(C);
    expect(byId.callerOnly!.dueDate >= '2025-12-01' && byId.callerOnly!.dueDate <= '2025-12-05').toBe(true);
    expect(byId.dayOnly).toEqual({ id: 'dayOnly', callerId: A, dueDate: '2025-12-04' });
  });

  it('reports every item NO_CALLERS when there is nobody, but keeps manual ones', () => {
    const items = [
      ...many(3, '2025-03-01', '2025-03-05'),
      item('m', '2025-03-01', '2025-03-05', { manual: true, callerId: A, dueDate: '2025-03-02' }),
    ];
    const result = balancePlan({ items, callers: [], dailyCap: 20 });
    expect(result.assignments).toEqual([{ id: 'm', callerId: A, dueDate: '2025-03-02' }]);
    expect(result.unassigned.map((u) => u.reason)).toEqual(['NO_CALLERS', 'NO_CALLERS', 'NO_CALLERS']);
  });

  it('reports an inverted or malformed window as INVALID_WINDOW', () => {
    const result = balancePlan({
      items: [
        item('bad', '2025-03-05', '2025-03-01'),
        item('junk', 'soon', 'later'),
        item('ok', '2025-03-01'),
      ],
      callers: [A],
      dailyCap: 5,
    });
    expect(result.unassigned).toEqual([
      { id: 'bad', reason: 'INVALID_WINDOW' },
      { id: 'junk', reason: 'INVALID_WINDOW' },
    ]);
    expect(result.assignments).toEqual([{ id: 'ok', callerId: A, dueDate: '2025-03-01' }]);
  });

  it('places nothing with a daily cap of zero', () => {
    const result = balancePlan({ items: many(3, '2025-03-01', '2025-03-03'), callers: [A, B], dailyCap: 0 });
    expect(result.assignments).toEqual([]);
    expect(result.unassigned.every((u) => u.reason === 'NO_CAPACITY')).toBe(true);
  });

  it('ignores the previous placement of non-manual items and duplicate callers', () => {
    const items = many(6, '2025-03-01', '2025-03-03').map((i) => ({
      ...i,
      callerId: A,
      dueDate: '2025-03-01',
    }));
    const result = balancePlan({ items, callers: [A, B, A], dailyCap: 20 });
    expect(counts(result, [A, B])).toEqual([3, 3]);
  });

  it('is deterministic: the same answer for the same items in any order', () => {
    const base = [
      ...many(37, '2025-03-01', '2025-03-31', 'a'),
      ...many(11, '2025-03-10', '2025-03-12', 'b'),
      ...many(5, '2025-03-20', '2025-03-20', 'c'),
      item('m', '2025-03-01', '2025-03-31', { manual: true, callerId: B, dueDate: '2025-03-03' }),
    ];
    const input = { items: base, callers: [A, B, C], dailyCap: 2 };
    const first = balancePlan(input);
    checkInvariants(input, first);
    const shuffled = [...base].reverse();
    const again = balancePlan({ ...input, items: shuffled });
    const key = (r: BalanceResult) =>
      JSON.stringify({
        a: [...r.assignments].sort((x, y) => x.id.localeCompare(y.id)),
        u: [...r.unassigned].sort((x, y) => x.id.localeCompare(y.id)),
      });
    expect(key(again)).toBe(key(first));
    expect(JSON.stringify(balancePlan(input))).toBe(JSON.stringify(first));
  });

  it('balances 5 000 items over 10 callers quickly and evenly', () => {
    const callers = Array.from({ length: 10 }, (_, k) => `caller-${k}`);
    const days = daysBetween('2025-03-01', '2025-03-31');
    const items: BalanceItem[] = Array.from({ length: 5000 }, (_, k) => {
      const from = days[k % 25]!;
      return item(`item-${String(k).padStart(5, '0')}`, from, addDays(from, k % 7));
    });
    const input = { items, callers, dailyCap: 30 };
    const started = Date.now();
    const result = balancePlan(input);
    const ms = Date.now() - started;
    expect(ms).toBeLessThan(1500);
    checkInvariants(input, result);
    expect(result.unassigned).toEqual([]);
    const c = counts(result, callers);
    expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
  });
});
