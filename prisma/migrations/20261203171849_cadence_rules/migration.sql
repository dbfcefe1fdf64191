-- CreateTable
CREATE TABLE "CadenceRule" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "code" TEXT,
    "status" TEXT NOT NULL,
    "draft" JSONB NOT NULL,
    "active" JSONB,
    "activeVersion" INTEGER NOT NULL DEFAULT 0,
    "seed" INTEGER NOT NULL,
    "submittedAt" TIMESTAMPTZ(3),
    "submittedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" UUID,
    "approved" BOOLEAN,
    "decisionComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CadenceRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CadenceRule_organizationId_status_idx" ON "CadenceRule"("organizationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CadenceRule_organizationId_code_key" ON "CadenceRule"("organizationId", "code");

-- AddForeignKey
ALTER TABLE "CadenceRule" ADD CONSTRAINT "CadenceRule_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
