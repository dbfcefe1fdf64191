-- CreateIndex
CREATE UNIQUE INDEX "ChurnReason_organizationId_code_key" ON "ChurnReason"("organizationId", "code");
