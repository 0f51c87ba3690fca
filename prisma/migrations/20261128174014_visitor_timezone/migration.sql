-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "visitorTimezone" TEXT;

