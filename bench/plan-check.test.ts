import { describe, expect, it } from 'vitest';
import { excerpt, type PlanNode, type PlanSummary, readOnly, regressions, scans } from './plan-check.ts';

const summary = (plan: PlanNode, large = new Set(['Task', 'Customer'])): PlanSummary => {
  const out: PlanSummary = { indexes: [], seqScans: [] };
  scans(plan, large, out);
  return out;
};

describe('scans', () => {
  it('names index, index-only and bitmap index scans with their table, and large tables read whole', () => {
    const plan: PlanNode = {
      'Node Type': 'Hash Join',
      Plans: [
        { 'Node Type': 'Seq Scan', 'Relation Name': 'Customer' },
        { 'Node Type': 'Seq Scan', 'Relation Name': 'Team' },
        {
          'Node Type': 'Nested Loop',
          Plans: [
            { 'Node Type': 'Index Only Scan', 'Relation Name': 'Task', 'Index Name': 'Task_open_queue_idx' },
            {
              'Node Type': 'Bitmap Heap Scan',
              'Relation Name': 'VisitRecord',
              Plans: [
                {
                  'Node Type': 'BitmapOr',
                  Plans: [
                    { 'Node Type': 'Bitmap Index Scan', 'Index Name': 'VisitRecord_callerId_startedAt_idx' },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(summary(plan)).toEqual({
      indexes: ['Task.Task_open_queue_idx', 'VisitRecord.VisitRecord_callerId_startedAt_idx'],
      seqScans: ['Customer'],
    });
  });
});

describe('regressions', () => {
  const accepted: PlanSummary = { indexes: ['Task.Task_assigneeId_customerId_idx'], seqScans: ['Customer'] };

  it('is none when the accepted indexes are still used, even beside new ones', () => {
    expect(
      regressions(accepted, {
        indexes: ['Task.Task_assigneeId_customerId_idx', 'User.User_pkey'],
        seqScans: [],
      }),
    ).toEqual([]);
  });

  it('reports an accepted index no longer used and a large table newly read whole', () => {
    expect(regressions(accepted, { indexes: [], seqScans: ['Customer', 'Task'] })).toEqual([
      'no longer uses Task.Task_assigneeId_customerId_idx',
      'now reads Task whole',
    ]);
  });

  it('has nothing to compare for an endpoint never accepted', () => {
    expect(regressions(undefined, { indexes: [], seqScans: ['Task'] })).toEqual([]);
  });
});

describe('statements', () => {
  it('explains reads only', () => {
    expect(readOnly('SELECT 1')).toBe(true);
    expect(readOnly(' WITH x AS (SELECT 1) SELECT * FROM x')).toBe(true);
    expect(readOnly('WITH x AS (DELETE FROM "Session" RETURNING 1) SELECT 1')).toBe(false);
    expect(readOnly('UPDATE "Session" SET "lastSeenAt" = now()')).toBe(false);
    expect(readOnly('SELECT "updatedAt" FROM "Task"')).toBe(true);
  });

  it('shortens a statement to one line a Markdown table can hold', () => {
    const sql = `SELECT ${'"a", '.repeat(30)}"b"\n  FROM "Task" t WHERE t.x = 'a|b' AND \`y\``;
    const e = excerpt(sql);
    expect(e).not.toContain('\n');
    expect(e).toContain('FROM "Task" t WHERE');
    expect(e).toContain('\\|');
    expect(e).not.toContain('`');
  });
});
