-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "SubmissionStatus" ADD VALUE 'HELD';
ALTER TYPE "SubmissionStatus" ADD VALUE 'DISCARDED';

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "discardReason" TEXT,
ADD COLUMN     "heldReason" TEXT,
ADD COLUMN     "tokenNonce" TEXT;

-- DropTable
DROP TABLE "RateLimitWindow";

-- DropTable
DROP TABLE "Rejection";

-- CreateTable
CREATE TABLE "FormPost" (
    "id" BIGSERIAL NOT NULL,
    "formId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "postedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FormPost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RejectedPost" (
    "id" BIGSERIAL NOT NULL,
    "formId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "postedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RejectedPost_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FormPost_formId_postedAt_idx" ON "FormPost"("formId", "postedAt");

-- CreateIndex
CREATE INDEX "FormPost_address_postedAt_idx" ON "FormPost"("address", "postedAt");

-- CreateIndex
CREATE INDEX "FormPost_postedAt_idx" ON "FormPost"("postedAt");

-- CreateIndex
CREATE INDEX "RejectedPost_postedAt_idx" ON "RejectedPost"("postedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_tokenNonce_key" ON "Submission"("tokenNonce");

