// A sampling run is reproducible from its seed: the same records, settings and seed must give
// the same picks and inspectors in any later release, so a recorded run can be re-derived.
// The expected values below come from a separate port of the algorithm (mulberry32, a
// Fisher–Yates shuffle from the end, records by id, callers by id, ties by a seeded order),
// not from running this implementation.
import { describe, expect, it } from 'vitest';
import { mulberry32, type SampleInput, type SampleRecord, sampleRecords } from './sampling.ts';

const rec = (id: string, callerId: string, satisfaction: number | null = 5): SampleRecord => ({
  id,
  callerId,
  channel: 'PHONE',
  outcome: 'COMPLETED',
  satisfaction,
});
const input = (records: SampleRecord[], over: Partial<SampleInput> = {}): SampleInput => ({
  records,
  alreadySampled: new Set(),
  mode: 'PER_CALLER',
  perCaller: 2,
  minPerCaller: 0,
  strata: {},
  inspectors: [{ id: 's1' }, { id: 's2' }],
  seed: 3,
  ...over,
});
// Caller cb's records sort before caller ca's: the order of the callers is not the order of the ids.
const TWO_CALLERS = [
  ...['a1', 'a2', 'a3'].map((id) => rec(id, 'cb')),
  ...['b1', 'b2', 'b3', 'b4'].map((id) => rec(id, 'ca')),
];

describe('mulberry32', () => {
  it('gives the reference sequence of the algorithm', () => {
    const r = mulberry32(1);
    expect([r(), r(), r()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    const s = mulberry32(42);
    expect([s(), s()]).toEqual([0.6011037519201636, 0.44829055899754167]);
  });
});

describe('sampleRecords, seeded', () => {
  it('picks and assigns the same records for the same seed', () => {
    expect(sampleRecords(input(TWO_CALLERS, { seed: 3 }))).toEqual({
      picks: [
        { recordId: 'a2', callerId: 'cb', inspectorId: 's2' },
        { recordId: 'a3', callerId: 'cb', inspectorId: 's1' },
        { recordId: 'b2', callerId: 'ca', inspectorId: 's2' },
        { recordId: 'b4', callerId: 'ca', inspectorId: 's1' },
      ],
      perCaller: [
        { callerId: 'ca', eligible: 4, quota: 2, picked: 2 },
        { callerId: 'cb', eligible: 3, quota: 2, picked: 2 },
      ],
      perInspector: [
        { inspectorId: 's1', assigned: 2 },
        { inspectorId: 's2', assigned: 2 },
      ],
      unassignable: 0,
    });
    expect(sampleRecords(input([...TWO_CALLERS].reverse(), { seed: 7 })).picks).toEqual([
      { recordId: 'a1', callerId: 'cb', inspectorId: 's2' },
      { recordId: 'a2', callerId: 'cb', inspectorId: 's1' },
      { recordId: 'b2', callerId: 'ca', inspectorId: 's1' },
      { recordId: 'b3', callerId: 'ca', inspectorId: 's2' },
    ]);
  });
  it('gives the odd record to the inspector the seed puts first, not the first one listed', () => {
    const r = sampleRecords(input([rec('a1', 'cb'), ...['b1', 'b2', 'b3', 'b4'].map((id) => rec(id, 'ca'))]));
    expect(r.picks).toEqual([
      { recordId: 'a1', callerId: 'cb', inspectorId: 's2' },
      { recordId: 'b2', callerId: 'ca', inspectorId: 's1' },
      { recordId: 'b4', callerId: 'ca', inspectorId: 's2' },
    ]);
    expect(r.perInspector).toEqual([
      { inspectorId: 's1', assigned: 1 },
      { inspectorId: 's2', assigned: 2 },
    ]);
  });
  it('breaks ties between equally loaded inspectors by the seeded order, whichever it puts first', () => {
    // seed 2 orders the inspectors s1, s2 (seed 3 above: s2, s1)
    expect(sampleRecords(input(TWO_CALLERS, { seed: 2 })).picks).toEqual([
      { recordId: 'a1', callerId: 'cb', inspectorId: 's2' },
      { recordId: 'a3', callerId: 'cb', inspectorId: 's1' },
      { recordId: 'b2', callerId: 'ca', inspectorId: 's1' },
      { recordId: 'b4', callerId: 'ca', inspectorId: 's2' },
    ]);
  });
  it('between the inspectors left for a record, takes the one the seed puts first', () => {
    // seed 1 orders the inspectors ca, s1, s2; ca cannot take ca's records
    const records = [rec('a1', 'cb'), ...['b1', 'b2', 'b3', 'b4'].map((id) => rec(id, 'ca'))];
    const r = sampleRecords(
      input(records, { inspectors: [{ id: 'ca' }, { id: 's1' }, { id: 's2' }], seed: 1 }),
    );
    expect(r.picks).toEqual([
      { recordId: 'a1', callerId: 'cb', inspectorId: 'ca' },
      { recordId: 'b2', callerId: 'ca', inspectorId: 's2' },
      { recordId: 'b4', callerId: 'ca', inspectorId: 's1' },
    ]);
  });
  it('places the records of a caller who also inspects first, with the other inspectors', () => {
    const r = sampleRecords(
      input(TWO_CALLERS, { inspectors: [{ id: 'ca' }, { id: 's1' }, { id: 's2' }], seed: 1 }),
    );
    expect(r.picks).toEqual([
      { recordId: 'a1', callerId: 'cb', inspectorId: 'ca' },
      { recordId: 'a2', callerId: 'cb', inspectorId: 's2' },
      { recordId: 'b2', callerId: 'ca', inspectorId: 's1' },
      { recordId: 'b4', callerId: 'ca', inspectorId: 's2' },
    ]);
    expect(r.perInspector.map((i) => i.assigned)).toEqual([1, 1, 2]);
  });
});

describe('sampleRecords, bookkeeping', () => {
  it('lists the callers by id and the picks by record id', () => {
    const r = sampleRecords(input(TWO_CALLERS, { perCaller: 4 }));
    expect(r.perCaller.map((c) => c.callerId)).toEqual(['ca', 'cb']);
    expect(r.picks.map((p) => p.recordId)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'b4']);
  });
  it('counts as unassignable only the quota of callers no other inspector can take', () => {
    // cb is the only inspector: cb’s quota of 3 cannot be inspected, ca’s quota of 2 can.
    const records = [
      ...['a1', 'a2', 'a3', 'a4'].map((id) => rec(id, 'cb')),
      rec('b1', 'ca'),
      rec('b2', 'ca'),
    ];
    const r = sampleRecords(input(records, { perCaller: 3, inspectors: [{ id: 'cb' }] }));
    expect(r.unassignable).toBe(3);
    expect(r.perCaller).toEqual([
      { callerId: 'ca', eligible: 2, quota: 2, picked: 2 },
      { callerId: 'cb', eligible: 4, quota: 3, picked: 0 },
    ]);
    expect(r.picks.map((p) => [p.recordId, p.inspectorId])).toEqual([
      ['b1', 'cb'],
      ['b2', 'cb'],
    ]);
  });
  it('counts the whole quota as unassignable when there is no inspector at all', () => {
    const r = sampleRecords(input(TWO_CALLERS, { inspectors: [] }));
    expect(r).toEqual({
      picks: [],
      perCaller: [
        { callerId: 'ca', eligible: 4, quota: 2, picked: 0 },
        { callerId: 'cb', eligible: 3, quota: 2, picked: 0 },
      ],
      perInspector: [],
      unassignable: 4,
    });
  });
});
