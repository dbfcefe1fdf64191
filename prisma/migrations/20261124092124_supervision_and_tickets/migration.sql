-- CreateEnum
CREATE TYPE "InspectionMethod" AS ENUM ('RECORDING_REVIEW', 'RECORD_CHECK', 'CUSTOMER_CALLBACK');

-- CreateEnum
CREATE TYPE "InspectionStatus" AS ENUM ('PENDING', 'IN_PROGRESS', 'SUBMITTED');

-- CreateEnum
CREATE TYPE "AppealStatus" AS ENUM ('PENDING', 'UPHELD', 'OVERTURNED');

-- CreateEnum
CREATE TYPE "TicketCategory" AS ENUM ('TEACHING', 'SERVICE', 'MARKET', 'FACILITY', 'CALLER_CONDUCT', 'OTHER');

-- CreateEnum
CREATE TYPE "TicketSeverity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'RESPONDED', 'VERIFIED', 'REOPENED', 'CLOSED');

-- CreateTable
CREATE TABLE "OrgPolicy" (
    "organizationId" UUID NOT NULL,
    "passThreshold" INTEGER NOT NULL DEFAULT 80,
    "appealWindowDays" INTEGER NOT NULL DEFAULT 5,
    "businessHours" JSONB NOT NULL DEFAULT '{"start":"09:00","end":"18:00","weekdays":[1,2,3,4,5],"holidays":[]}',
    "slaHours" JSONB NOT NULL DEFAULT '{"LOW":40,"MEDIUM":16,"HIGH":8,"CRITICAL":4}',
    "escalateToManagementAfterHours" INTEGER NOT NULL DEFAULT 8,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OrgPolicy_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "Rubric" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "criteria" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Rubric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SamplingRun" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "rateBp" INTEGER,
    "perCaller" INTEGER,
    "minPerCaller" INTEGER NOT NULL DEFAULT 0,
    "strata" JSONB NOT NULL DEFAULT '{}',
    "seed" INTEGER NOT NULL,
    "rubricId" UUID NOT NULL,
    "inspectorIds" UUID[],
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SamplingRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Inspection" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "runId" UUID,
    "visitId" UUID NOT NULL,
    "callerId" UUID NOT NULL,
    "inspectorId" UUID NOT NULL,
    "method" "InspectionMethod" NOT NULL DEFAULT 'RECORDING_REVIEW',
    "status" "InspectionStatus" NOT NULL DEFAULT 'PENDING',
    "rubricId" UUID NOT NULL,
    "rubricVersion" INTEGER NOT NULL,
    "rubricSnapshot" JSONB NOT NULL,
    "scores" JSONB NOT NULL DEFAULT '[]',
    "findings" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "callbackOutcome" TEXT,
    "total" INTEGER,
    "criticalFailed" BOOLEAN,
    "passed" BOOLEAN,
    "effectivePassed" BOOLEAN,
    "comment" TEXT,
    "timeSpentSec" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMPTZ(3),
    "submittedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Inspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionAppeal" (
    "id" UUID NOT NULL,
    "inspectionId" UUID NOT NULL,
    "callerId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "items" JSONB NOT NULL DEFAULT '[]',
    "status" "AppealStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" UUID,
    "decisionReason" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InspectionAppeal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketRoute" (
    "organizationId" UUID NOT NULL,
    "category" "TicketCategory" NOT NULL,
    "departmentId" UUID NOT NULL,

    CONSTRAINT "TicketRoute_pkey" PRIMARY KEY ("organizationId","category")
);

-- CreateTable
CREATE TABLE "IssueTicket" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "sourceVisitId" UUID,
    "sourceInspectionId" UUID,
    "customerId" UUID NOT NULL,
    "callerId" UUID,
    "subjectUserId" UUID,
    "category" "TicketCategory" NOT NULL,
    "severity" "TicketSeverity" NOT NULL,
    "departmentId" UUID NOT NULL,
    "handlerId" UUID,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" "TicketStatus" NOT NULL DEFAULT 'OPEN',
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "pausedAt" TIMESTAMPTZ(3),
    "pausedMs" BIGINT NOT NULL DEFAULT 0,
    "respondedAt" TIMESTAMPTZ(3),
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "raisedById" UUID NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IssueTicket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" UUID,
    "body" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "entity" TEXT,
    "entityId" TEXT,
    "readAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Rubric_organizationId_name_key" ON "Rubric"("organizationId", "name");

-- CreateIndex
CREATE INDEX "SamplingRun_organizationId_month_idx" ON "SamplingRun"("organizationId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "Inspection_visitId_key" ON "Inspection"("visitId");

-- CreateIndex
CREATE INDEX "Inspection_organizationId_status_idx" ON "Inspection"("organizationId", "status");

-- CreateIndex
CREATE INDEX "Inspection_inspectorId_status_idx" ON "Inspection"("inspectorId", "status");

-- CreateIndex
CREATE INDEX "Inspection_callerId_submittedAt_idx" ON "Inspection"("callerId", "submittedAt");

-- CreateIndex
CREATE INDEX "InspectionAppeal_inspectionId_idx" ON "InspectionAppeal"("inspectionId");

-- CreateIndex
CREATE INDEX "InspectionAppeal_status_idx" ON "InspectionAppeal"("status");

-- CreateIndex
CREATE INDEX "IssueTicket_organizationId_departmentId_status_idx" ON "IssueTicket"("organizationId", "departmentId", "status");

-- CreateIndex
CREATE INDEX "IssueTicket_organizationId_status_dueAt_idx" ON "IssueTicket"("organizationId", "status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "IssueTicket_organizationId_number_key" ON "IssueTicket"("organizationId", "number");

-- CreateIndex
CREATE INDEX "TicketEvent_ticketId_createdAt_idx" ON "TicketEvent"("ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- AddForeignKey
ALTER TABLE "OrgPolicy" ADD CONSTRAINT "OrgPolicy_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rubric" ADD CONSTRAINT "Rubric_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SamplingRun" ADD CONSTRAINT "SamplingRun_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SamplingRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_rubricId_fkey" FOREIGN KEY ("rubricId") REFERENCES "Rubric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "VisitRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionAppeal" ADD CONSTRAINT "InspectionAppeal_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketRoute" ADD CONSTRAINT "TicketRoute_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueTicket" ADD CONSTRAINT "IssueTicket_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "IssueTicket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
