-- The first assignment of a task (no previous assignee) is always the approval of its plan, and the
-- interface says so in its own language. The reason column holds only what a person typed when
-- reassigning. (No semicolons in these comments: the migration is split into statements on them.)
UPDATE "TaskAssignment" SET reason = NULL WHERE "fromUserId" IS NULL AND reason = '计划批准';
