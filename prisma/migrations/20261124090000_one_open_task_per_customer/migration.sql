-- A customer is never in two callers' queues at once: at most one open task each.
-- Partial unique indexes cannot be expressed in schema.prisma, so this lives here only.
CREATE UNIQUE INDEX "Task_one_open_per_customer" ON "Task" ("customerId") WHERE "status" IN ('PENDING', 'IN_PROGRESS');
