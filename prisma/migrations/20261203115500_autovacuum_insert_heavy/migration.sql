-- Insert-heavy tables are vacuumed after 2 % new rows instead of PostgreSQL's default 20 %: with
-- millions of tasks and records the default waits for hundreds of thousands of inserts, and until
-- then the recent months (the ones the live KPI and the queues read) are not all-visible, so the
-- covering indexes still fetch heap pages (docs/performance.md, database health).
-- Storage parameters only: Prisma's schema does not describe them and its diffs leave them alone.
ALTER TABLE "Task" SET (autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE "VisitRecord" SET (autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE "Inspection" SET (autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE "TaskAssignment" SET (autovacuum_vacuum_insert_scale_factor = 0.02);
ALTER TABLE "AuditLog" SET (autovacuum_vacuum_insert_scale_factor = 0.02);
ALTER TABLE "Notification" SET (autovacuum_vacuum_insert_scale_factor = 0.02);
