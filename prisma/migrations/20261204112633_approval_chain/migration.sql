-- AlterTable
ALTER TABLE "VisitReport" ADD COLUMN     "chain" JSONB,
ADD COLUMN     "chainStep" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'TEAM';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "title" TEXT;

-- AlterTable
ALTER TABLE "VisitPlan" ADD COLUMN     "chain" JSONB,
ADD COLUMN     "chainStep" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "VisitRecord" ADD COLUMN     "signOffAt" TIMESTAMPTZ(3),
ADD COLUMN     "signOffById" UUID,
ADD COLUMN     "signOffComment" TEXT,
ADD COLUMN     "signOffStatus" TEXT;

-- CreateTable
CREATE TABLE "ApprovalChain" (
    "organizationId" UUID NOT NULL,
    "planSteps" JSONB NOT NULL,
    "reportSteps" JSONB NOT NULL,
    "rollupSteps" JSONB NOT NULL,
    "appealDecider" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ApprovalChain_pkey" PRIMARY KEY ("organizationId")
);

-- AddForeignKey
ALTER TABLE "ApprovalChain" ADD CONSTRAINT "ApprovalChain_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
