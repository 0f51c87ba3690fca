-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "scrubbedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "JobLease" (
    "job" TEXT NOT NULL,
    "holder" TEXT,
    "heldUntil" TIMESTAMPTZ(3) NOT NULL,
    "lastRunAt" TIMESTAMPTZ(3),

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("job")
);


-- Retention finds rows due for scrubbing by status and the age that counts for it (lib/maintenance/retention.ts:
-- delivered by deliveredAt, discarded by updatedAt, held by createdAt). Only rows not yet scrubbed, in the three
-- statuses retention touches, are indexed. Raw SQL: Prisma cannot express a partial expression index.
CREATE INDEX "Submission_retention_idx" ON "Submission" (
  status,
  (CASE status WHEN 'DELIVERED' THEN COALESCE("deliveredAt", "updatedAt") WHEN 'DISCARDED' THEN "updatedAt" ELSE "createdAt" END)
) WHERE "scrubbedAt" IS NULL AND status IN ('DELIVERED', 'DISCARDED', 'HELD');
