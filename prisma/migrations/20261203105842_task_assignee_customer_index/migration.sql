-- CreateIndex
CREATE INDEX "Task_assigneeId_customerId_idx" ON "Task"("assigneeId", "customerId");
