-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "scopes" TEXT[] DEFAULT ARRAY['EVENTS']::TEXT[];

-- CreateTable
CREATE TABLE "VisitRecording" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "visitId" UUID NOT NULL,
    "uploadedById" UUID,
    "apiKeyId" UUID,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedById" UUID,
    "replacedById" UUID,

    CONSTRAINT "VisitRecording_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VisitRecording_storageKey_key" ON "VisitRecording"("storageKey");

-- CreateIndex
CREATE INDEX "VisitRecording_visitId_createdAt_idx" ON "VisitRecording"("visitId", "createdAt");

-- CreateIndex
CREATE INDEX "VisitRecording_organizationId_createdAt_idx" ON "VisitRecording"("organizationId", "createdAt");

-- AddForeignKey
ALTER TABLE "VisitRecording" ADD CONSTRAINT "VisitRecording_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitRecording" ADD CONSTRAINT "VisitRecording_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "VisitRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
