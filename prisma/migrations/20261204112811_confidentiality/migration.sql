-- CreateTable
CREATE TABLE "ConfidentialityAgreement" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL,
    "publishedById" UUID,

    CONSTRAINT "ConfidentialityAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementSignature" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "agreementId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL,
    "ip" TEXT,
    "archivedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AgreementSignature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConfidentialitySetting" (
    "organizationId" UUID NOT NULL,
    "revealPolicy" TEXT NOT NULL DEFAULT 'NONE',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedById" UUID,

    CONSTRAINT "ConfidentialitySetting_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "RevealRequest" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "requesterId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionNote" TEXT,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RevealRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Handover" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "toUserId" UUID,
    "tasksReassigned" INTEGER NOT NULL,
    "sessionsEnded" INTEGER NOT NULL,
    "agreementsArchived" INTEGER NOT NULL,
    "note" TEXT,
    "byId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Handover_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConfidentialityAgreement_organizationId_version_key" ON "ConfidentialityAgreement"("organizationId", "version");

-- CreateIndex
CREATE INDEX "AgreementSignature_agreementId_userId_idx" ON "AgreementSignature"("agreementId", "userId");

-- CreateIndex
CREATE INDEX "AgreementSignature_userId_idx" ON "AgreementSignature"("userId");

-- CreateIndex
CREATE INDEX "RevealRequest_organizationId_status_createdAt_idx" ON "RevealRequest"("organizationId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "RevealRequest_requesterId_customerId_idx" ON "RevealRequest"("requesterId", "customerId");

-- CreateIndex
CREATE INDEX "Handover_organizationId_at_idx" ON "Handover"("organizationId", "at");

-- CreateIndex
CREATE INDEX "Handover_userId_idx" ON "Handover"("userId");

-- AddForeignKey
ALTER TABLE "AgreementSignature" ADD CONSTRAINT "AgreementSignature_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "ConfidentialityAgreement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
