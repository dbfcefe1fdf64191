-- AlterTable
ALTER TABLE "IssueTicket" ADD COLUMN     "conductConfirmed" BOOLEAN,
ADD COLUMN     "conductDecidedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "IncentivePolicy" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "effectiveMonth" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "values" JSONB NOT NULL,
    "note" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncentivePolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiSnapshot" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "subjectId" UUID NOT NULL,
    "closeId" UUID NOT NULL,
    "policyVersion" INTEGER NOT NULL,
    "assigned" INTEGER NOT NULL,
    "done" INTEGER NOT NULL,
    "inspected" INTEGER NOT NULL,
    "passed" INTEGER NOT NULL,
    "completionBp" INTEGER,
    "passRateBp" INTEGER,
    "satisfactionHundredths" INTEGER,
    "satisfactionChangeBp" INTEGER,
    "scoreHundredths" INTEGER,
    "grade" TEXT,
    "figures" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KpiSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonthClose" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "policyVersion" INTEGER,
    "computedAt" TIMESTAMPTZ(3),
    "computedById" UUID,
    "approvedAt" TIMESTAMPTZ(3),
    "approvedById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MonthClose_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncentiveItem" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "closeId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "userId" UUID,
    "departmentId" UUID,
    "amountFen" INTEGER,
    "figures" JSONB NOT NULL DEFAULT '{}',
    "reason" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PROPOSED',
    "dependsOnId" UUID,
    "remediationDueAt" TIMESTAMPTZ(3),
    "remediationCheckedAt" TIMESTAMPTZ(3),
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionComment" TEXT,
    "createdById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IncentiveItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncentiveAppeal" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "decidedById" UUID,
    "decisionReason" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncentiveAppeal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitExpense" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "visitId" UUID NOT NULL,
    "callerId" UUID NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "receiptRef" TEXT NOT NULL,
    "note" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitExpense_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IncentivePolicy_organizationId_effectiveMonth_idx" ON "IncentivePolicy"("organizationId", "effectiveMonth");

-- CreateIndex
CREATE UNIQUE INDEX "IncentivePolicy_organizationId_version_key" ON "IncentivePolicy"("organizationId", "version");

-- CreateIndex
CREATE INDEX "KpiSnapshot_organizationId_month_scope_idx" ON "KpiSnapshot"("organizationId", "month", "scope");

-- CreateIndex
CREATE UNIQUE INDEX "KpiSnapshot_organizationId_scope_subjectId_month_key" ON "KpiSnapshot"("organizationId", "scope", "subjectId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "MonthClose_organizationId_month_key" ON "MonthClose"("organizationId", "month");

-- CreateIndex
CREATE INDEX "IncentiveItem_organizationId_month_status_idx" ON "IncentiveItem"("organizationId", "month", "status");

-- CreateIndex
CREATE INDEX "IncentiveItem_userId_month_idx" ON "IncentiveItem"("userId", "month");

-- CreateIndex
CREATE INDEX "IncentiveItem_remediationDueAt_idx" ON "IncentiveItem"("remediationDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "IncentiveItem_closeId_dedupeKey_key" ON "IncentiveItem"("closeId", "dedupeKey");

-- CreateIndex
CREATE INDEX "IncentiveAppeal_itemId_idx" ON "IncentiveAppeal"("itemId");

-- CreateIndex
CREATE INDEX "IncentiveAppeal_status_idx" ON "IncentiveAppeal"("status");

-- CreateIndex
CREATE INDEX "VisitExpense_organizationId_status_idx" ON "VisitExpense"("organizationId", "status");

-- CreateIndex
CREATE INDEX "VisitExpense_callerId_createdAt_idx" ON "VisitExpense"("callerId", "createdAt");

-- CreateIndex
CREATE INDEX "VisitExpense_visitId_idx" ON "VisitExpense"("visitId");

-- AddForeignKey
ALTER TABLE "IncentivePolicy" ADD CONSTRAINT "IncentivePolicy_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiSnapshot" ADD CONSTRAINT "KpiSnapshot_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiSnapshot" ADD CONSTRAINT "KpiSnapshot_closeId_fkey" FOREIGN KEY ("closeId") REFERENCES "MonthClose"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonthClose" ADD CONSTRAINT "MonthClose_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncentiveItem" ADD CONSTRAINT "IncentiveItem_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncentiveItem" ADD CONSTRAINT "IncentiveItem_closeId_fkey" FOREIGN KEY ("closeId") REFERENCES "MonthClose"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncentiveAppeal" ADD CONSTRAINT "IncentiveAppeal_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "IncentiveItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitExpense" ADD CONSTRAINT "VisitExpense_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitExpense" ADD CONSTRAINT "VisitExpense_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "VisitRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
