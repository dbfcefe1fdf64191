-- Covering indexes for the month's KPI statement (apps/api/src/presenters/kpi-counts.ts): each
-- table's month range is answered by an index-only scan instead of reading the wide rows
-- (visit records carry answers and the original record as JSON). Measured in BENCHMARKS.md.
-- In SQL only: Prisma's schema language has no INCLUDE.

-- tasks due in the month, per assignee, with their status and completion time
CREATE INDEX "Task_kpi_month_idx" ON "Task" ("organizationId", "dueDate")
  INCLUDE ("assigneeId", status, "doneAt");

-- records started in the month (and the month before, for the satisfaction change)
CREATE INDEX "VisitRecord_kpi_month_idx" ON "VisitRecord" ("organizationId", "startedAt")
  INCLUDE (id, "callerId", outcome, satisfaction, "amendmentCount");

-- the inspection of each record, with what the KPI reads of it
CREATE INDEX "Inspection_kpi_visit_idx" ON "Inspection" ("visitId")
  INCLUDE (status, passed, "effectivePassed", findings);
