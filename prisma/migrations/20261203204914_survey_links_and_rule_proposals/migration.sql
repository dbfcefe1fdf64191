-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "language" TEXT;

-- AlterTable
ALTER TABLE "PlanItem" ADD COLUMN     "cadenceKey" TEXT,
ADD COLUMN     "ruleId" UUID;

-- CreateTable
CREATE TABLE "SurveyLink" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "taskId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "questionnaireId" UUID,
    "channel" TEXT NOT NULL,
    "sentTo" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "sentById" UUID NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "openedAt" TIMESTAMPTZ(3),
    "answeredAt" TIMESTAMPTZ(3),
    "visitRecordId" UUID,
    "reminders" INTEGER NOT NULL DEFAULT 0,
    "remindedAt" TIMESTAMPTZ(3),
    "handedBackAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),

    CONSTRAINT "SurveyLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "entity" TEXT,
    "entityId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OutboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SurveyLink_tokenHash_key" ON "SurveyLink"("tokenHash");

-- CreateIndex
CREATE INDEX "SurveyLink_taskId_idx" ON "SurveyLink"("taskId");

-- CreateIndex
CREATE INDEX "SurveyLink_organizationId_answeredAt_expiresAt_idx" ON "SurveyLink"("organizationId", "answeredAt", "expiresAt");

-- CreateIndex
CREATE INDEX "OutboundMessage_organizationId_createdAt_idx" ON "OutboundMessage"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboundMessage_entity_entityId_idx" ON "OutboundMessage"("entity", "entityId");

-- AddForeignKey
ALTER TABLE "SurveyLink" ADD CONSTRAINT "SurveyLink_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundMessage" ADD CONSTRAINT "OutboundMessage_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
