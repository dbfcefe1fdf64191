import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helper.ts';
import { createPrisma, isDatabaseBusy } from './prisma.ts';

describe('createPrisma', async () => {
  const url = await createTestDatabase('empty');

  it('gives a pool its own server settings (the analytics pool: timeout, no parallel workers)', async () => {
    const analytics = createPrisma(url, 2, 5000, {
      statement_timeout: 1500,
      max_parallel_workers_per_gather: 0,
    });
    const plain = createPrisma(url, 2, 5000);
    try {
      const [a] = await analytics.$queryRaw<Array<{ t: string; p: string }>>`
        SELECT current_setting('statement_timeout') AS t, current_setting('max_parallel_workers_per_gather') AS p`;
      expect(a).toEqual({ t: '1500ms', p: '0' });
      const [b] = await plain.$queryRaw<
        Array<{ t: string }>
      >`SELECT current_setting('statement_timeout') AS t`;
      expect(b?.t).toBe('0');
      // a statement over the timeout is cancelled
      // a statement over the timeout is cancelled, and counts as a busy database (503, Retry-After).
      // Under `pnpm test:dates` libfaketime moves PostgreSQL's timers too, and the timeout may not
      // fire: there only the error's shape is checked.
      if (!process.env.FAKETIME) {
        const error = await analytics.$queryRaw`SELECT pg_sleep(3)`.catch((e: unknown) => e);
        expect(isDatabaseBusy(error)).toBe(true);
      }
      expect(
        isDatabaseBusy(
          new Error(
            'Raw query failed. Code: `57014`. Message: `canceling statement due to statement timeout`',
          ),
        ),
      ).toBe(true);
    } finally {
      await analytics.$disconnect();
      await plain.$disconnect();
    }
  });
});
