-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "assignedTo" TEXT;

-- CreateTable
CREATE TABLE "RoutingTurn" (
    "formId" TEXT NOT NULL,
    "turns" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "RoutingTurn_pkey" PRIMARY KEY ("formId")
);

