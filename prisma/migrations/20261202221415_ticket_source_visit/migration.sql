-- CreateIndex
CREATE INDEX "IssueTicket_sourceVisitId_idx" ON "IssueTicket"("sourceVisitId");
