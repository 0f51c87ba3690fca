-- CreateEnum
CREATE TYPE "ContactLink" AS ENUM ('CREATED', 'EXISTING', 'FOUND');

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "consent" JSONB,
ADD COLUMN     "contactLink" "ContactLink",
ADD COLUMN     "needsLookup" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "DeliveryAttempt" ADD COLUMN     "action" TEXT NOT NULL DEFAULT 'create';

-- CreateTable
CREATE TABLE "Location" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenCiphertext" TEXT,
    "tokenLast4" TEXT,
    "pausedAt" TIMESTAMPTZ(3),
    "pauseReason" TEXT,
    "pausedTokenFingerprint" TEXT,
    "lastProbeAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Location_pkey" PRIMARY KEY ("id")
);

