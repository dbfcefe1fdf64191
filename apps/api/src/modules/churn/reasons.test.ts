// The shipped churn reasons (docs/rules.md#r-churn-1-churn-reasons) are added once per organisation.
import { DEFAULT_CHURN_REASONS } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { setupTestApp } from '../../../test/helper.ts';
import { ensureDefaultChurnReasons, ensureDefaultChurnReasonsEverywhere } from './reasons.ts';

describe('default churn reasons', async () => {
  const t = await setupTestApp();

  it('are there for the demo organisation, and adding them again adds nothing, even after a rename', async () => {
    const org = await t.prisma.organization.findFirstOrThrow();
    expect(await t.prisma.churnReason.count({ where: { organizationId: org.id } })).toBe(
      DEFAULT_CHURN_REASONS.length,
    );
    await t.prisma.churnReason.updateMany({
      where: { organizationId: org.id, code: 'PRICE' },
      data: { label: '学费太贵' },
    });
    expect(await ensureDefaultChurnReasons(t.prisma, org.id, testNow())).toBe(0);
    expect(await ensureDefaultChurnReasonsEverywhere(t.prisma, testNow())).toBe(0);
    expect(await t.prisma.churnReason.count({ where: { organizationId: org.id } })).toBe(
      DEFAULT_CHURN_REASONS.length,
    );
  });
});
