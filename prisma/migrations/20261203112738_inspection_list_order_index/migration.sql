-- CreateIndex
CREATE INDEX "Inspection_organizationId_submittedAt_createdAt_id_idx" ON "Inspection"("organizationId", "submittedAt" DESC, "createdAt" DESC, "id");
