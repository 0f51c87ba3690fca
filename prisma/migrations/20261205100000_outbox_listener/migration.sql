-- CreateTable
CREATE TABLE "OutboxListener" (
    "workerId" TEXT NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OutboxListener_pkey" PRIMARY KEY ("workerId")
);

-- A new submission is announced only while a worker waits for one (lib/outbox/wake.ts). NOTIFY takes a lock that every
-- announcing commit in the database queues on, held through the commit's WAL flush: under load it made the posts'
-- commits take turns, each with its own flush, where otherwise they share one. A busy worker polls instead.
-- The advisory lock, shared by every insert, is the one a worker takes alone while it puts itself on the list: it
-- waits for the inserts already past this check (its next look finds their rows), and the inserts after it see it.
CREATE OR REPLACE FUNCTION "submission_notify"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(72707370);
  IF EXISTS (SELECT 1 FROM "OutboxListener" WHERE "until" > now()) THEN
    PERFORM pg_notify('leadrelay_outbox', '');
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
