-- The quality dashboard's months (its six-month trend reads a fifth of all inspections) answered
-- from the index alone: the month of the visit with the result after appeals, the caller and the
-- findings beside it. In SQL only: Prisma's schema language has no INCLUDE. It replaces the plain
-- index of migration inspection_visit_started_at.
DROP INDEX "Inspection_organizationId_status_visitStartedAt_idx";

CREATE INDEX "Inspection_quality_month_idx" ON "Inspection" ("organizationId", status, "visitStartedAt")
  INCLUDE ("effectivePassed", "callerId", findings);
