import { CONTENT_FAULT_FINDINGS, OPEN_TASK_STATUSES } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { literalArray, literalList, openTask, SQL_CONTENT_FAULTS, SQL_OPEN_TASK } from './rule-sql.ts';

describe('the domain sets as SQL', () => {
  it('writes enum lists as literals, in the domain order', () => {
    expect(SQL_OPEN_TASK).toBe(`(${OPEN_TASK_STATUSES.map((s) => `'${s}'`).join(', ')})`);
    expect(SQL_CONTENT_FAULTS).toBe(
      `ARRAY[${CONTENT_FAULT_FINDINGS.map((s) => `'${s}'`).join(', ')}]::text[]`,
    );
    expect(openTask('x.status').sql).toBe(`x.status IN ${SQL_OPEN_TASK}`);
    expect(literalArray(['A'])).toBe("ARRAY['A']::text[]");
  });

  it('refuses anything that is not an enum value', () => {
    expect(() => literalList([])).toThrow(/at least one/);
    for (const bad of ["A'); DROP TABLE x; --", 'lower', 'A B', '1A', '']) {
      expect(() => literalList([bad])).toThrow(/not an enum value/);
    }
  });
});
