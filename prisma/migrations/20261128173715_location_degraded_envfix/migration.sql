-- AlterTable
ALTER TABLE "Location" ADD COLUMN     "degradedAt" TIMESTAMPTZ(3),
ADD COLUMN     "degradedReason" TEXT,
ADD COLUMN     "degradedTokenFingerprint" TEXT;

