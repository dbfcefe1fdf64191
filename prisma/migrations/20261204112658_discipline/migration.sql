-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "visitsPausedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "IncentiveItem" ADD COLUMN     "evidence" JSONB;

-- CreateTable
CREATE TABLE "CustomerAbuseReport" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "reporterId" UUID NOT NULL,
    "taskId" UUID,
    "account" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionComment" TEXT,
    "liftedById" UUID,
    "liftedAt" TIMESTAMPTZ(3),
    "liftComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CustomerAbuseReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomerAbuseReport_organizationId_status_idx" ON "CustomerAbuseReport"("organizationId", "status");

-- CreateIndex
CREATE INDEX "CustomerAbuseReport_customerId_status_idx" ON "CustomerAbuseReport"("customerId", "status");

-- CreateIndex
CREATE INDEX "CustomerAbuseReport_reporterId_customerId_idx" ON "CustomerAbuseReport"("reporterId", "customerId");

-- AddForeignKey
ALTER TABLE "CustomerAbuseReport" ADD CONSTRAINT "CustomerAbuseReport_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
