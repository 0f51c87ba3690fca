-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "attribution" JSONB,
ADD COLUMN     "partnerId" TEXT;

-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitWindow_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateTable
CREATE TABLE "Rejection" (
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lastAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Rejection_pkey" PRIMARY KEY ("reason")
);

