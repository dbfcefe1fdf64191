-- DropForeignKey
ALTER TABLE "ChurnCase" DROP CONSTRAINT "ChurnCase_customerId_fkey";

-- AlterTable
ALTER TABLE "ChurnCase" ALTER COLUMN "customerId" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "ChurnCase" ADD CONSTRAINT "ChurnCase_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;
