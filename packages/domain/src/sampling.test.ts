import { describe, expect, it } from 'vitest';
import { callerQuota, mulberry32, type SampleInput, type SampleRecord, sampleRecords } from './sampling.ts';

const CHANNELS = ['PHONE', 'SMS', 'FACE_TO_FACE'];
/** `n` records of each caller, ids stable, channels and satisfaction varied. */
function recordsOf(callers: Record<string, number>): SampleRecord[] {
  return Object.entries(callers).flatMap(([callerId, n]) =>
    Array.from({ length: n }, (_, k) => ({
      id: `${callerId}-r${String(k).padStart(3, '0')}`,
      callerId,
      channel: CHANNELS[k % 3] as string,
      outcome: k % 7 === 6 ? 'DECLINED' : 'COMPLETED',
      satisfaction: (k % 5) + 1,
    })),
  );
}

const base = (over: Partial<SampleInput> = {}): SampleInput => ({
  records: recordsOf({ c1: 30, c2: 20, c3: 10 }),
  alreadySampled: new Set(),
  mode: 'RATE',
  rateBp: 1000,
  minPerCaller: 0,
  strata: {},
  inspectors: [{ id: 's1' }, { id: 's2' }],
  seed: 42,
  ...over,
});

const countBy = <T>(items: T[], key: (x: T) => string) => {
  const m: Record<string, number> = {};
  for (const x of items) m[key(x)] = (m[key(x)] ?? 0) + 1;
  return m;
};

describe('mulberry32', () => {
  it('is reproducible and in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(8)()).not.toBe(mulberry32(7)());
  });
});

describe('callerQuota', () => {
  it('rounds the rate up per caller', () => {
    expect(callerQuota(30, { mode: 'RATE', rateBp: 1000, minPerCaller: 0 })).toBe(3);
    expect(callerQuota(31, { mode: 'RATE', rateBp: 1000, minPerCaller: 0 })).toBe(4);
    expect(callerQuota(1, { mode: 'RATE', rateBp: 1, minPerCaller: 0 })).toBe(1);
    expect(callerQuota(0, { mode: 'RATE', rateBp: 1000, minPerCaller: 2 })).toBe(0);
  });
  it('applies the minimum, capped by what the caller has', () => {
    expect(callerQuota(30, { mode: 'RATE', rateBp: 1000, minPerCaller: 5 })).toBe(5);
    expect(callerQuota(3, { mode: 'RATE', rateBp: 1000, minPerCaller: 5 })).toBe(3);
    expect(callerQuota(10, { mode: 'PER_CALLER', perCaller: 4, minPerCaller: 0 })).toBe(4);
    expect(callerQuota(10, { mode: 'PER_CALLER', perCaller: 4, minPerCaller: 6 })).toBe(6);
    expect(callerQuota(2, { mode: 'PER_CALLER', perCaller: 4, minPerCaller: 0 })).toBe(2);
  });
});

describe('sampleRecords', () => {
  it('is reproducible for the same seed and data, whatever order the records come in', () => {
    const a = sampleRecords(base());
    const shuffled = [...base().records].reverse();
    const b = sampleRecords(base({ records: shuffled }));
    expect(b).toEqual(a);
    expect(a.picks.length).toBe(3 + 2 + 1);
  });

  it('a different seed picks differently', () => {
    const a = sampleRecords(base({ seed: 1 })).picks.map((p) => p.recordId);
    const b = sampleRecords(base({ seed: 2 })).picks.map((p) => p.recordId);
    expect(a).not.toEqual(b);
  });

  it('picks per caller with the rate rounded up', () => {
    const r = sampleRecords(base({ records: recordsOf({ c1: 31, c2: 9 }) }));
    expect(r.perCaller).toEqual([
      { callerId: 'c1', eligible: 31, quota: 4, picked: 4 },
      { callerId: 'c2', eligible: 9, quota: 1, picked: 1 },
    ]);
    expect(countBy(r.picks, (p) => p.callerId)).toEqual({ c1: 4, c2: 1 });
  });

  it('PER_CALLER takes N per caller and the minimum applies', () => {
    const r = sampleRecords(base({ mode: 'PER_CALLER', perCaller: 4, rateBp: undefined, minPerCaller: 0 }));
    expect(countBy(r.picks, (p) => p.callerId)).toEqual({ c1: 4, c2: 4, c3: 4 });
    const m = sampleRecords(base({ rateBp: 100, minPerCaller: 3, records: recordsOf({ c1: 30, c2: 2 }) }));
    expect(countBy(m.picks, (p) => p.callerId)).toEqual({ c1: 3, c2: 2 });
  });

  it('never picks a record already sampled, so repeated runs never repeat', () => {
    const sampled = new Set<string>();
    const all = base().records.length;
    for (let run = 0; run < 40; run++) {
      const r = sampleRecords(base({ alreadySampled: sampled, seed: run, rateBp: 2000 }));
      for (const p of r.picks) {
        expect(sampled.has(p.recordId)).toBe(false);
        sampled.add(p.recordId);
      }
      if (r.picks.length === 0) break;
    }
    expect(sampled.size).toBe(all);
  });

  it('never gives an inspector their own records', () => {
    const r = sampleRecords(
      base({
        inspectors: [{ id: 'c1' }, { id: 'c2' }, { id: 's1' }],
        mode: 'PER_CALLER',
        perCaller: 8,
        rateBp: undefined,
      }),
    );
    expect(r.picks.length).toBe(24);
    for (const p of r.picks) expect(p.inspectorId).not.toBe(p.callerId);
    const loads = r.perInspector.map((x) => x.assigned);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });

  it('leaves out a caller whose only possible inspector is themself', () => {
    const r = sampleRecords(base({ inspectors: [{ id: 'c1' }], records: recordsOf({ c1: 10, c2: 10 }) }));
    expect(r.picks.every((p) => p.callerId === 'c2' && p.inspectorId === 'c1')).toBe(true);
    expect(r.picks.length).toBe(1);
    expect(r.unassignable).toBe(1);
    expect(r.perCaller.find((c) => c.callerId === 'c1')?.picked).toBe(0);
  });

  it('spreads the work evenly over the inspectors', () => {
    for (const n of [1, 2, 3, 4, 7]) {
      const inspectors = Array.from({ length: n }, (_, k) => ({ id: `s${k}` }));
      for (const seed of [1, 2, 3]) {
        const r = sampleRecords(base({ inspectors, seed, rateBp: 3000 }));
        const loads = r.perInspector.map((x) => x.assigned);
        expect(loads.reduce((a, b) => a + b, 0)).toBe(r.picks.length);
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('strata filter by channel and outcome', () => {
    const r = sampleRecords(
      base({ strata: { channels: ['PHONE'], outcomes: ['COMPLETED'] }, mode: 'PER_CALLER', perCaller: 100 }),
    );
    const records = new Map(base().records.map((x) => [x.id, x]));
    expect(r.picks.length).toBeGreaterThan(0);
    for (const p of r.picks) {
      expect(records.get(p.recordId)?.channel).toBe('PHONE');
      expect(records.get(p.recordId)?.outcome).toBe('COMPLETED');
    }
    const expected = base().records.filter((x) => x.channel === 'PHONE' && x.outcome === 'COMPLETED').length;
    expect(r.picks.length).toBe(expected);
  });

  it('low satisfaction first: satisfaction ≤ 3 is taken before any other', () => {
    const records = base().records;
    const sat = new Map(records.map((x) => [x.id, x.satisfaction]));
    // c1 has 30 records, 18 of them with satisfaction ≤ 3; take 10 → all low
    const r = sampleRecords(
      base({ strata: { lowSatisfactionFirst: true }, mode: 'PER_CALLER', perCaller: 10, rateBp: undefined }),
    );
    const c1 = r.picks.filter((p) => p.callerId === 'c1');
    expect(c1.length).toBe(10);
    expect(c1.every((p) => (sat.get(p.recordId) ?? 5) <= 3)).toBe(true);
    // c3 has 10 records, 6 low: take 8 → all 6 low plus 2 others
    const r8 = sampleRecords(
      base({ strata: { lowSatisfactionFirst: true }, mode: 'PER_CALLER', perCaller: 8, rateBp: undefined }),
    );
    const c3 = r8.picks.filter((p) => p.callerId === 'c3');
    expect(c3.filter((p) => (sat.get(p.recordId) ?? 5) <= 3).length).toBe(6);
    expect(c3.length).toBe(8);
  });

  it('records without satisfaction are not low', () => {
    const records = [
      { id: 'a', callerId: 'c1', channel: 'PHONE', outcome: 'COMPLETED', satisfaction: null },
      { id: 'b', callerId: 'c1', channel: 'PHONE', outcome: 'COMPLETED', satisfaction: 2 },
    ];
    const r = sampleRecords(
      base({ records, strata: { lowSatisfactionFirst: true }, mode: 'PER_CALLER', perCaller: 1 }),
    );
    expect(r.picks.map((p) => p.recordId)).toEqual(['b']);
  });

  it('no records, or every record sampled, picks nothing', () => {
    expect(sampleRecords(base({ records: [] })).picks).toEqual([]);
    const all = new Set(base().records.map((r) => r.id));
    const r = sampleRecords(base({ alreadySampled: all }));
    expect(r.picks).toEqual([]);
    expect(r.perCaller).toEqual([]);
  });

  it('duplicate records in the input count once', () => {
    const records = recordsOf({ c1: 5 });
    const r = sampleRecords(base({ records: [...records, ...records], mode: 'PER_CALLER', perCaller: 10 }));
    expect(r.picks.length).toBe(5);
    expect(new Set(r.picks.map((p) => p.recordId)).size).toBe(5);
  });
});
