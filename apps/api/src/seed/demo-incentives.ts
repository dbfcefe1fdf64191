import { addMonths, monthIn } from '@huifang/domain';
import type { Tx } from '../db/prisma.ts';
import { closeMonthIn } from '../modules/incentives/close.ts';
import { type DemoContext, demoActor } from './demo-context.ts';

/**
 * Month closes of the demo organisation: two months ago closed, every proposed item approved by
 * the manager and the sheet approved (locked); last month closed, its sheet waiting for the
 * manager's review. Snapshots of both feed the dashboards' trends.
 */
export async function seedDemoIncentives(tx: Tx, demo: DemoContext): Promise<void> {
  const manager = demo.users('manager@demo.local');
  const current = monthIn(demo.now, demo.tz);
  const approvedMonth = addMonths(current, -2);
  const openMonth = addMonths(current, -1);
  const at = (hoursAgo: number) => new Date(demo.now.getTime() - hoursAgo * 3600_000);

  const first = await closeMonthIn(
    tx,
    await demoActor(tx, demo, 'manager@demo.local', at(24 * 25)),
    demo.tz,
    approvedMonth,
  );
  await tx.incentiveItem.updateMany({
    where: { closeId: first.closeId, status: 'PROPOSED' },
    data: { status: 'APPROVED', decidedById: manager, decidedAt: at(24 * 24) },
  });
  await tx.monthClose.update({
    where: { id: first.closeId },
    data: { status: 'APPROVED', approvedById: manager, approvedAt: at(24 * 24), version: { increment: 1 } },
  });
  await closeMonthIn(tx, await demoActor(tx, demo, 'manager@demo.local', at(20)), demo.tz, openMonth);
}
