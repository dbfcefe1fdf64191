import { COUNT_CAP } from '@huifang/contracts';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../test/helper.ts';

// docs/api.md#pagination: the customer list counts its matches up to COUNT_CAP and says when more match.
describe('the customer list counts up to a cap', async () => {
  const t = await setupTestApp();
  const org = await t.prisma.organization.findFirstOrThrow({ where: { demo: true } });
  await t.prisma.customer.createMany({
    data: Array.from({ length: COUNT_CAP + 5 }, (_, i) => ({
      organizationId: org.id,
      name: `计数客户${i}`,
      phone: `166${String(i).padStart(8, '0')}`,
      segment: i < 30 ? ('GRADUATE' as const) : ('STUDENT' as const),
      tier: 'MID' as const,
    })),
  });
  const list = async (query: string) => {
    const res = await t.as('manager@demo.local', { method: 'GET', url: `/api/customers?${query}` });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('past the cap: the total is the cap and `more` says there are more; pages still work', async () => {
    const body = await list(`q=${encodeURIComponent('计数客户')}&size=20`);
    expect(body).toMatchObject({ total: COUNT_CAP, more: true });
    expect(body.items).toHaveLength(20);
    const far = await list(`q=${encodeURIComponent('计数客户')}&page=${COUNT_CAP / 20}&size=20`);
    expect(far.items).toHaveLength(20);
  });

  it('under the cap the count is exact and `more` is absent', async () => {
    const body = await list(`q=${encodeURIComponent('计数客户')}&segment=GRADUATE&size=20`);
    expect(body.total).toBe(30);
    expect(body.more).toBeUndefined();
    const one = await list(`q=${encodeURIComponent('计数客户10004')}`);
    expect(one.total).toBe(1);
  });
});
