-- Indexes that hold only the rows their queries look for: every index entry is written again when a row changes
-- status, and a delivered row's release is the outbox's commonest write.
-- The dispatcher's claim reads only rows waiting for delivery.
DROP INDEX "Submission_status_nextAttemptAt_idx";
CREATE INDEX "Submission_due_idx" ON "Submission" ("nextAttemptAt") WHERE status IN ('PENDING', 'RETRYING');
-- The dashboard's partner filter names a partner; most submissions come from no embed.
DROP INDEX "Submission_partnerId_createdAt_id_idx";
CREATE INDEX "Submission_partnerId_createdAt_id_idx" ON "Submission" ("partnerId", "createdAt" DESC, "id" DESC) WHERE "partnerId" IS NOT NULL;
-- A repeat is found by its values only when it has no idempotency key (posted without JavaScript).
DROP INDEX "Submission_formId_fingerprint_createdAt_idx";
CREATE INDEX "Submission_formId_fingerprint_createdAt_idx" ON "Submission" ("formId", "fingerprint", "createdAt") WHERE "idempotencyKey" IS NULL;

-- Screening's post records are counters over a 10-minute window, not records anyone keeps: unlogged, a post writes no
-- WAL for them. A crash empties the table, which only restarts the counts.
ALTER TABLE "FormPost" SET UNLOGGED;
