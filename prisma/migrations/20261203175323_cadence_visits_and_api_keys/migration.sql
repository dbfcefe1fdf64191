-- AlterTable
ALTER TABLE "CustomerEvent" ADD COLUMN     "apiKeyId" UUID;

-- CreateTable
CREATE TABLE "CadenceVisit" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "ruleVersion" INTEGER NOT NULL,
    "eventId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "dueDay" DATE NOT NULL,
    "windowEnd" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "taskId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CadenceVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "revokedById" UUID,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CadenceVisit_organizationId_dueDay_idx" ON "CadenceVisit"("organizationId", "dueDay");

-- CreateIndex
CREATE INDEX "CadenceVisit_ruleId_status_idx" ON "CadenceVisit"("ruleId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CadenceVisit_organizationId_key_key" ON "CadenceVisit"("organizationId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_organizationId_idx" ON "ApiKey"("organizationId");

-- AddForeignKey
ALTER TABLE "CadenceVisit" ADD CONSTRAINT "CadenceVisit_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
