-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "fingerprint" TEXT,
ADD COLUMN     "idempotencyKey" TEXT;

-- CreateTable
CREATE TABLE "RateBudget" (
    "locationId" TEXT NOT NULL,
    "max" INTEGER NOT NULL,
    "intervalMs" INTEGER NOT NULL,
    "nextSlotAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RateBudget_pkey" PRIMARY KEY ("locationId")
);

-- CreateIndex
CREATE INDEX "Submission_formId_fingerprint_createdAt_idx" ON "Submission"("formId", "fingerprint", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_formId_idempotencyKey_key" ON "Submission"("formId", "idempotencyKey");

