-- The inspected record's start, copied onto the inspection (a record's start never changes after
-- it is logged): the quality dashboard filters and groups inspections by the month of the visit
-- without joining every visit record. Existing inspections take it from their record.
ALTER TABLE "Inspection" ADD COLUMN "visitStartedAt" TIMESTAMPTZ(3);

UPDATE "Inspection" i SET "visitStartedAt" = v."startedAt" FROM "VisitRecord" v WHERE v.id = i."visitId";

ALTER TABLE "Inspection" ALTER COLUMN "visitStartedAt" SET NOT NULL;

-- CreateIndex
CREATE INDEX "Inspection_organizationId_status_visitStartedAt_idx" ON "Inspection"("organizationId", "status", "visitStartedAt");
