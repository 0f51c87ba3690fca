-- DropIndex
DROP INDEX "Submission_createdAt_idx";

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "searchText" TEXT;

-- CreateIndex
CREATE INDEX "Submission_createdAt_id_idx" ON "Submission"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Submission_status_createdAt_id_idx" ON "Submission"("status", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Submission_formId_createdAt_id_idx" ON "Submission"("formId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Submission_partnerId_createdAt_id_idx" ON "Submission"("partnerId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Submission_locationId_createdAt_id_idx" ON "Submission"("locationId", "createdAt" DESC, "id" DESC);


-- The dashboard's search: a partial match (LIKE '%term%' on lowercased text) served by a trigram index. pg_trgm is a
-- trusted extension (PostgreSQL 13+): the database's owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- New rows get searchText from their form's field mapping at insert (lib/submission/search-text.ts). Rows stored
-- before it get the values under the names every form so far uses for those properties.
UPDATE "Submission" SET "searchText" = lower(NULLIF(concat_ws(E'\n',
    NULLIF(fields->>'firstName', ''), NULLIF(fields->>'lastName', ''), NULLIF(fields->>'name', ''),
    NULLIF(fields->>'email', ''), NULLIF(fields->>'phone', ''), NULLIF(fields->>'companyName', ''),
    NULLIF(regexp_replace(COALESCE(fields->>'phone', ''), '\D', '', 'g'), '')), ''));

CREATE INDEX "Submission_searchText_trgm_idx" ON "Submission" USING gin ("searchText" gin_trgm_ops);
