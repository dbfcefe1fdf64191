-- AlterTable
ALTER TABLE "KpiSnapshot" ADD COLUMN     "name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "teamId" UUID;
