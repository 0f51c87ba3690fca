-- AlterTable
ALTER TABLE "RateBudget" ADD COLUMN     "dailyLimit" INTEGER,
ADD COLUMN     "dailyRemaining" INTEGER,
ADD COLUMN     "dailyResetAt" TIMESTAMPTZ(3),
ADD COLUMN     "remaining" INTEGER;

