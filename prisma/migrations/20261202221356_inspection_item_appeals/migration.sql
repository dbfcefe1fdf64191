-- AlterTable
ALTER TABLE "Inspection" ADD COLUMN     "effectiveTotal" INTEGER;

-- AlterTable
ALTER TABLE "InspectionAppeal" ADD COLUMN     "decisions" JSONB NOT NULL DEFAULT '[]';

-- Backfill: the total after appeals is the total until an item-level decision changes it
UPDATE "Inspection" SET "effectiveTotal" = "total" WHERE "total" IS NOT NULL;
