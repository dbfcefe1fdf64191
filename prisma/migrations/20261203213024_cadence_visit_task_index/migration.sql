-- CreateIndex
CREATE INDEX "CadenceVisit_taskId_idx" ON "CadenceVisit"("taskId");
