import { addMonths, monthIn } from '@huifang/domain';
import type { Prisma, Tx } from '../db/prisma.ts';
import { computeReportFigures } from '../presenters/report-figures.ts';
import type { DemoContext } from './demo-context.ts';

const TEAM = '回访一组';

/**
 * Monthly visit reports of the demo organisation, for 回访一组: the report of two months ago,
 * approved by the supervisor, and a draft for last month with the narrative partly written.
 * Figures come from the presenter, over the demo's own tasks and records.
 */
export async function seedDemoReports(tx: Tx, demo: DemoContext): Promise<void> {
  const team = await tx.team.findFirstOrThrow({
    where: { organizationId: demo.orgId, name: TEAM },
    select: { id: true },
  });
  const lead = demo.users('lead@demo.local');
  const supervisor = demo.users('supervisor@demo.local');
  const current = monthIn(demo.now, demo.tz);
  const approvedMonth = addMonths(current, -2);
  const draftMonth = addMonths(current, -1);
  const at = (hoursAgo: number) => new Date(demo.now.getTime() - hoursAgo * 3600_000);

  const figures = async (month: string) =>
    (await computeReportFigures(tx, {
      organizationId: demo.orgId,
      month,
      teamId: team.id,
      timezone: demo.tz,
      now: demo.now,
    })) as unknown as Prisma.InputJsonValue;

  const approved = await tx.visitReport.create({
    data: {
      organizationId: demo.orgId,
      month: approvedMonth,
      teamId: team.id,
      status: 'APPROVED',
      figures: await figures(approvedMonth),
      narrative: {
        overview: `${approvedMonth} 回访一组按计划完成回访，整体进度正常。`,
        satisfaction: '学员满意度总体良好，少数学员对课程进度有意见。',
        problems: '主要问题集中在教学进度与服务响应速度。',
        suggestions: '建议教学部适当调整进度，服务部缩短响应时间。',
      },
      createdById: lead,
      submittedAt: at(24 * 25),
      decidedById: supervisor,
      decidedAt: at(24 * 24),
      version: 3,
    },
  });
  await tx.reportReview.createMany({
    data: [
      { reportId: approved.id, action: 'SUBMIT', actorId: lead, createdAt: at(24 * 25) },
      { reportId: approved.id, action: 'APPROVE', actorId: supervisor, createdAt: at(24 * 24) },
    ],
  });

  await tx.visitReport.create({
    data: {
      organizationId: demo.orgId,
      month: draftMonth,
      teamId: team.id,
      status: 'DRAFT',
      figures: await figures(draftMonth),
      narrative: {
        overview: `${draftMonth} 回访一组回访工作概况（草稿）。`,
        satisfaction: '',
        problems: '',
        suggestions: '',
      },
      createdById: lead,
    },
  });
}
