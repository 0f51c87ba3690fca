import { poolOf, type Database } from "@/lib/db/client";
import type { FormDefinition } from "@/lib/forms/definition";

/**
 * The user a round-robin form's submission is assigned to: the next in the form's list, by a counter row every process
 * shares (its row lock makes concurrent turns wait, never collide), written to the leased submission so a retry keeps
 * the same user. Null when the form does not take turns, or when the lease was lost meanwhile.
 */
export async function takeTurn(db: Database, { submissionId, workerId, form }: { submissionId: string; workerId: string; form: FormDefinition }) {
  if (typeof form.assignedTo !== "object") return null;
  const { rows } = await poolOf(db).query<{ assignedTo: string }>(
    `WITH turn AS (
       INSERT INTO "RoutingTurn" ("formId", turns) VALUES ($3, 1)
       ON CONFLICT ("formId") DO UPDATE SET turns = "RoutingTurn".turns + 1
       RETURNING turns)
     UPDATE "Submission" SET "assignedTo" = ($4::text[])[((SELECT turns FROM turn) - 1) % cardinality($4::text[]) + 1]
     WHERE id = $1 AND "lockedBy" = $2
     RETURNING "assignedTo"`,
    [submissionId, workerId, form.id, form.assignedTo.roundRobin],
  );
  return rows[0]?.assignedTo ?? null;
}
