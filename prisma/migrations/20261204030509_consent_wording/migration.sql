-- CreateTable
CREATE TABLE "ConsentWording" (
    "version" TEXT NOT NULL,
    "wording" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsentWording_pkey" PRIMARY KEY ("version")
);


-- Consent recorded before this migration (one box, its wording inline) takes the per-box shape; its wording moves here.
INSERT INTO "ConsentWording" ("version", "wording", "firstSeenAt")
SELECT DISTINCT ON (consent->>'version') consent->>'version', consent->>'wording', "createdAt"
FROM "Submission"
WHERE consent ? 'wording' AND consent->>'version' IS NOT NULL
ORDER BY consent->>'version', "createdAt"
ON CONFLICT DO NOTHING;

UPDATE "Submission" SET consent = jsonb_build_object(
  'at', consent->'at',
  'pageUrl', consent->'pageUrl',
  'ipHash', NULL,
  'userAgent', NULL,
  'boxes', jsonb_build_array(jsonb_build_object(
    'channels', COALESCE(consent->'channels', '[]'::jsonb),
    'given', COALESCE(consent->'given', 'false'::jsonb),
    'version', consent->'version'
  ))
)
WHERE consent ? 'wording';
