// For tests: a user signs the organisation's current confidentiality agreement, as a demo user has
// (docs/rules.md#r-conf-1-agreements). Fixtures that create users call it by default, so a new user
// reads full contacts like the demo users do; a test of the agreement itself opts out.
import type { PrismaClient } from '../../db/prisma.ts';

/** Signs the current agreement for `userId` at `at` (no-op when none is published or already signed). */
export async function signCurrentAgreement(
  prisma: PrismaClient,
  userId: string,
  at: Date = new Date('2020-01-01T00:00:00Z'),
): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { organizationId: true },
  });
  const agreement = await prisma.confidentialityAgreement.findFirst({
    where: { organizationId: user.organizationId },
    orderBy: { version: 'desc' },
  });
  if (!agreement) return;
  const signed = await prisma.agreementSignature.findFirst({
    where: { agreementId: agreement.id, userId, archivedAt: null },
  });
  if (signed) return;
  await prisma.agreementSignature.create({
    data: { organizationId: user.organizationId, agreementId: agreement.id, userId, signedAt: at, ip: null },
  });
}
