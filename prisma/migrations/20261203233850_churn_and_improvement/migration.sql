-- CreateTable
CREATE TABLE "Enquiry" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "course" TEXT,
    "day" DATE NOT NULL,
    "handledById" UUID,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "lostReasonId" UUID,
    "lostNote" TEXT,
    "customerId" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "note" TEXT,
    "createdById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Enquiry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnquiryFollowUp" (
    "id" UUID NOT NULL,
    "enquiryId" UUID NOT NULL,
    "byId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT NOT NULL,
    "nextDay" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EnquiryFollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChurnReason" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "category" TEXT NOT NULL,
    "code" TEXT,
    "label" TEXT NOT NULL,
    "labelEn" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sort" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChurnReason_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChurnCase" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "stage" TEXT,
    "day" DATE NOT NULL,
    "departmentId" UUID,
    "reasonId" UUID,
    "note" TEXT,
    "evidenceKind" TEXT,
    "evidenceId" UUID,
    "evidence" JSONB NOT NULL DEFAULT '{}',
    "dedupeKey" TEXT,
    "enquiryId" UUID,
    "deepDiveWeek" TEXT,
    "winBackTaskId" UUID,
    "createdById" UUID,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "dismissReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChurnCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChurnMeeting" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "week" TEXT NOT NULL,
    "heldOn" DATE NOT NULL,
    "attendees" TEXT,
    "minutes" TEXT NOT NULL,
    "decisions" JSONB NOT NULL DEFAULT '[]',
    "createdById" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChurnMeeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImprovementMeasure" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "departmentId" UUID NOT NULL,
    "ownerId" UUID NOT NULL,
    "deadline" DATE NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "target" JSONB NOT NULL DEFAULT '{}',
    "startDay" DATE,
    "windowDays" INTEGER NOT NULL DEFAULT 90,
    "meetingId" UUID,
    "effect" JSONB,
    "outcome" TEXT,
    "evaluationNote" TEXT,
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "overdueAt" TIMESTAMPTZ(3),
    "approvedById" UUID,
    "approvedAt" TIMESTAMPTZ(3),
    "doneAt" TIMESTAMPTZ(3),
    "evaluatedById" UUID,
    "evaluatedAt" TIMESTAMPTZ(3),
    "createdById" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ImprovementMeasure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeasureMilestone" (
    "id" UUID NOT NULL,
    "measureId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "dueDay" DATE NOT NULL,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "doneAt" TIMESTAMPTZ(3),
    "sort" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MeasureMilestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeasureReason" (
    "measureId" UUID NOT NULL,
    "reasonId" UUID NOT NULL,

    CONSTRAINT "MeasureReason_pkey" PRIMARY KEY ("measureId","reasonId")
);

-- CreateTable
CREATE TABLE "MeasureCase" (
    "measureId" UUID NOT NULL,
    "caseId" UUID NOT NULL,

    CONSTRAINT "MeasureCase_pkey" PRIMARY KEY ("measureId","caseId")
);

-- CreateTable
CREATE TABLE "MeasureReview" (
    "id" UUID NOT NULL,
    "measureId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" UUID,
    "comment" TEXT,
    "body" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MeasureReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Enquiry_organizationId_day_idx" ON "Enquiry"("organizationId", "day");

-- CreateIndex
CREATE INDEX "Enquiry_organizationId_status_day_idx" ON "Enquiry"("organizationId", "status", "day");

-- CreateIndex
CREATE INDEX "Enquiry_customerId_idx" ON "Enquiry"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "Enquiry_organizationId_number_key" ON "Enquiry"("organizationId", "number");

-- CreateIndex
CREATE INDEX "EnquiryFollowUp_enquiryId_at_idx" ON "EnquiryFollowUp"("enquiryId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ChurnReason_organizationId_category_label_key" ON "ChurnReason"("organizationId", "category", "label");

-- CreateIndex
CREATE INDEX "ChurnCase_organizationId_status_day_idx" ON "ChurnCase"("organizationId", "status", "day");

-- CreateIndex
CREATE INDEX "ChurnCase_organizationId_day_idx" ON "ChurnCase"("organizationId", "day");

-- CreateIndex
CREATE INDEX "ChurnCase_customerId_idx" ON "ChurnCase"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "ChurnCase_organizationId_dedupeKey_key" ON "ChurnCase"("organizationId", "dedupeKey");

-- CreateIndex
CREATE UNIQUE INDEX "ChurnMeeting_organizationId_week_key" ON "ChurnMeeting"("organizationId", "week");

-- CreateIndex
CREATE INDEX "ImprovementMeasure_organizationId_status_deadline_idx" ON "ImprovementMeasure"("organizationId", "status", "deadline");

-- CreateIndex
CREATE INDEX "ImprovementMeasure_organizationId_departmentId_idx" ON "ImprovementMeasure"("organizationId", "departmentId");

-- CreateIndex
CREATE INDEX "ImprovementMeasure_ownerId_idx" ON "ImprovementMeasure"("ownerId");

-- CreateIndex
CREATE UNIQUE INDEX "ImprovementMeasure_organizationId_number_key" ON "ImprovementMeasure"("organizationId", "number");

-- CreateIndex
CREATE INDEX "MeasureMilestone_measureId_sort_idx" ON "MeasureMilestone"("measureId", "sort");

-- CreateIndex
CREATE INDEX "MeasureReason_reasonId_idx" ON "MeasureReason"("reasonId");

-- CreateIndex
CREATE INDEX "MeasureCase_caseId_idx" ON "MeasureCase"("caseId");

-- CreateIndex
CREATE INDEX "MeasureReview_measureId_createdAt_idx" ON "MeasureReview"("measureId", "createdAt");

-- AddForeignKey
ALTER TABLE "Enquiry" ADD CONSTRAINT "Enquiry_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enquiry" ADD CONSTRAINT "Enquiry_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnquiryFollowUp" ADD CONSTRAINT "EnquiryFollowUp_enquiryId_fkey" FOREIGN KEY ("enquiryId") REFERENCES "Enquiry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChurnReason" ADD CONSTRAINT "ChurnReason_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChurnCase" ADD CONSTRAINT "ChurnCase_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChurnCase" ADD CONSTRAINT "ChurnCase_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChurnCase" ADD CONSTRAINT "ChurnCase_reasonId_fkey" FOREIGN KEY ("reasonId") REFERENCES "ChurnReason"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChurnMeeting" ADD CONSTRAINT "ChurnMeeting_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImprovementMeasure" ADD CONSTRAINT "ImprovementMeasure_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImprovementMeasure" ADD CONSTRAINT "ImprovementMeasure_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "ChurnMeeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureMilestone" ADD CONSTRAINT "MeasureMilestone_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "ImprovementMeasure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureReason" ADD CONSTRAINT "MeasureReason_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "ImprovementMeasure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureReason" ADD CONSTRAINT "MeasureReason_reasonId_fkey" FOREIGN KEY ("reasonId") REFERENCES "ChurnReason"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureCase" ADD CONSTRAINT "MeasureCase_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "ImprovementMeasure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureCase" ADD CONSTRAINT "MeasureCase_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "ChurnCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureReview" ADD CONSTRAINT "MeasureReview_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "ImprovementMeasure"("id") ON DELETE CASCADE ON UPDATE CASCADE;
