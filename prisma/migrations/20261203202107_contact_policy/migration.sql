-- AlterTable
ALTER TABLE "CadenceVisit" ADD COLUMN     "notBefore" DATE;

-- AlterTable
ALTER TABLE "ImportJob" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'CUSTOMERS';

-- CreateTable
CREATE TABLE "ContactPolicy" (
    "organizationId" UUID NOT NULL,
    "maxContacts" INTEGER NOT NULL,
    "windowDays" INTEGER NOT NULL,
    "quietFrom" TEXT,
    "quietTo" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ContactPolicy_pkey" PRIMARY KEY ("organizationId")
);

-- CreateIndex
CREATE INDEX "CadenceVisit_organizationId_status_dueDay_idx" ON "CadenceVisit"("organizationId", "status", "dueDay");

-- AddForeignKey
ALTER TABLE "ContactPolicy" ADD CONSTRAINT "ContactPolicy_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
