// The outbox's partial indexes (migration partial_outbox_indexes) against real PostgreSQL: each holds only the rows its
// query looks for, and the queries that read them are still answered by them. With a handful of rows a sequential scan is
// cheapest, so every plan here is asked for with scans forbidden.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, poolOf, type Database } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { createLeasing } from "@/lib/outbox/leasing";
import { pageSql } from "@/lib/outbox/listing";
import { acceptSubmission } from "@/lib/submission/accept";
import { contactForm } from "../../support/forms";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
let single: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  // One connection: the claim's prepared statement is then on the connection this test reads it back from.
  const url = new URL(database.url);
  url.searchParams.set("options", "-c enable_seqscan=off");
  single = createDatabase(url.toString());
  await single.$connect();
});
afterAll(async () => {
  await single.$disconnect();
  await database.drop();
});

const accept = (email: string, idempotencyKey: string | null) =>
  acceptSubmission(database.db, { form: contactForm, input: { firstName: "Ada", email }, locationId: "loc-1", idempotencyKey });

const indexEntries = async (index: string) => {
  const [row] = await database.db.$queryRawUnsafe<{ entries: bigint }[]>(
    `SELECT count(*) AS entries FROM "Submission" WHERE ${(await predicateOf(index)) ?? "true"}`,
  );
  return Number(row.entries);
};
const predicateOf = async (index: string) => {
  const [row] = await database.db.$queryRaw<{ predicate: string | null }[]>`
    SELECT pg_get_expr(i.indpred, i.indrelid) AS predicate FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = ${index}`;
  return row?.predicate ?? null;
};

describe("the outbox's partial indexes", () => {
  it("answer the dispatcher's claim from the rows due only, and leave delivered rows out", async () => {
    const pool = poolOf(single);
    const leases = createLeasing({ db: single, workerId: "index-test", leaseMs: 60_000 });
    const { submissionId } = (await accept("due@example.com", "key-due-000000000000")) as { submissionId: string };
    expect(await leases.claim(25)).toHaveLength(1);
    // The claim's own text, as prepared on this connection, planned with scans forbidden.
    const plan = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN EXECUTE "claim-due"(60000, 'index-test', 25)`);
    expect(plan.rows.map((line) => line["QUERY PLAN"]).join("\n")).toContain('Index Scan using "Submission_due_idx"');

    expect(await predicateOf("Submission_due_idx")).toBe(`(status = ANY (ARRAY['PENDING'::"SubmissionStatus", 'RETRYING'::"SubmissionStatus"]))`);
    await leases.release(submissionId, { status: "DELIVERED", contactId: "c-1", contactLink: "CREATED", deliveredAt: new Date() }, []);
    expect(await indexEntries("Submission_due_idx")).toBe(0);
  });

  it("find a repeat posted without a key by its values, among keyless rows only", async () => {
    const first = await accept("nokey@example.com", null);
    const repeat = await accept("nokey@example.com", null);
    expect(repeat).toMatchObject({ status: "accepted", repeated: true, submissionId: (first as { submissionId: string }).submissionId });
    await accept("keyed@example.com", "key-keyed-0000000000");
    expect(await predicateOf("Submission_formId_fingerprint_createdAt_idx")).toBe(`("idempotencyKey" IS NULL)`);
    expect(await indexEntries("Submission_formId_fingerprint_createdAt_idx")).toBe(1);
  });

  it("serve the partner filter from the rows that came through a partner", async () => {
    await database.db.submission.updateMany({ where: { fields: { path: ["email"], equals: "due@example.com" } }, data: { partnerId: "acme" } });
    expect(await predicateOf("Submission_partnerId_createdAt_id_idx")).toBe(`("partnerId" IS NOT NULL)`);
    expect(await indexEntries("Submission_partnerId_createdAt_id_idx")).toBe(1);
    const plan = await single.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${pageSql({ partnerId: "acme" }, { kind: "first" })}`);
    expect(plan.map((line) => line["QUERY PLAN"]).join("\n")).toContain('"Submission_partnerId_createdAt_id_idx"');
  });
});
