// The demo's confidentiality agreement (docs/product.md#confidentiality): version 1, published a
// month before the demo's "now" and signed by every demo user, so every screen and test that reads
// a full contact works as before. Tests that need an unsigned user opt out (test-fixtures).
import type { Tx } from '../db/prisma.ts';
import type { DemoContext } from './demo-context.ts';

export const DEMO_AGREEMENT = {
  title: '客户信息保密协议 / Customer data confidentiality agreement',
  body: [
    '一、本人严格遵守客户信息保密制度，不得泄露客户信息给任何无关人员。',
    '二、客户的姓名、联系方式、培训需求、购买记录等资料只在回访工作中按规定的用途使用，不得擅自扩大使用范围。',
    '三、查看完整联系方式、导出个人信息均会被记录；需要时应说明理由或经主管批准。',
    '四、离职或调岗时，交回涉及保密信息的资料，本人查阅记录予以保留。',
    '',
    '1. I keep customer data confidential and disclose it to no one not concerned.',
    "2. Customers' names, contact details, training needs and purchases are used only for follow-up visits, as the rules say.",
    '3. Every full contact I read and every export of personal data is recorded; where asked, I give a reason or obtain a supervisor’s approval.',
    '4. When I leave or change post I hand back confidential material; the record of what I read is kept.',
  ].join('\n'),
};

export async function seedDemoConfidentiality(tx: Tx, demo: DemoContext): Promise<void> {
  const publishedAt = new Date(demo.now.getTime() - 30 * 86_400_000);
  const agreement = await tx.confidentialityAgreement.create({
    data: {
      organizationId: demo.orgId,
      version: 1,
      title: DEMO_AGREEMENT.title,
      body: DEMO_AGREEMENT.body,
      publishedAt,
      publishedById: demo.users('admin@demo.local'),
    },
  });
  const users = await tx.user.findMany({ where: { organizationId: demo.orgId }, select: { id: true } });
  await tx.agreementSignature.createMany({
    data: users.map((u, k) => ({
      organizationId: demo.orgId,
      agreementId: agreement.id,
      userId: u.id,
      signedAt: new Date(publishedAt.getTime() + (k + 1) * 3_600_000),
      ip: '127.0.0.1',
    })),
  });
}
