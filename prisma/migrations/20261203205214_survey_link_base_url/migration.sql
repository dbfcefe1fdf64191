-- AlterTable
ALTER TABLE "SurveyLink" ADD COLUMN     "baseUrl" TEXT NOT NULL;
