-- Columns that hold a fixed set become enums, converted in place: no row loses its value.
CREATE TYPE "HeldReason" AS ENUM ('honeypot', 'too_fast', 'flood');
CREATE TYPE "AttemptAction" AS ENUM ('create', 'lookup', 'add-tags');
CREATE TYPE "AttemptOutcome" AS ENUM ('ok', 'duplicate', 'retry', 'unauthorized', 'rejected');

ALTER TABLE "Submission" ALTER COLUMN "heldReason" TYPE "HeldReason" USING "heldReason"::"HeldReason";

ALTER TABLE "DeliveryAttempt" ALTER COLUMN "action" DROP DEFAULT;
ALTER TABLE "DeliveryAttempt" ALTER COLUMN "action" TYPE "AttemptAction" USING "action"::"AttemptAction";
ALTER TABLE "DeliveryAttempt" ALTER COLUMN "action" SET DEFAULT 'create';
ALTER TABLE "DeliveryAttempt" ALTER COLUMN "outcome" TYPE "AttemptOutcome" USING "outcome"::"AttemptOutcome";
