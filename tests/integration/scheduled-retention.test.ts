// On serverless hosts nothing loops: the scheduler's call to /api/outbox/dispatch is where retention runs.
import { beforeAll, describe, expect, it } from "vitest";
import { provideForms } from "@/lib/forms/catalog";
import { RETENTION_ACTION } from "@/lib/maintenance/retention";
import { fixtureForms } from "../../support/forms";
import { submitContact } from "../support/delivery";
import { deliveryHarness } from "../support/harness";

const h = deliveryHarness();
const SECRET = "d".repeat(40);
let POST: (request: Request) => Promise<Response>;

beforeAll(async () => {
  provideForms(fixtureForms); // as instrumentation.ts provides the site's forms
  // The route reads the process's configuration and database, as under `next start`.
  process.env.DISPATCH_SECRET = SECRET;
  process.env.DATABASE_URL = h.database.url;
  ({ POST } = await import("@/app/api/outbox/dispatch/route"));
});

const dispatch = () => POST(new Request("http://localhost/api/outbox/dispatch?budgetMs=0", { method: "POST", headers: { authorization: `Bearer ${SECRET}` } }));

describe("POST /api/outbox/dispatch", () => {
  it("runs retention as a loop would: past-due personal data goes, once per hour however often the scheduler calls", async () => {
    const { db } = h.database;
    const id = await submitContact(db, { email: "scheduled-retention@example.com" });
    await db.$executeRaw`UPDATE "Submission" SET status = 'DELIVERED', "deliveredAt" = now() - interval '100 days' WHERE id = ${id}::uuid`;

    expect((await dispatch()).status).toBe(200);
    expect(await db.submission.findUniqueOrThrow({ where: { id } })).toMatchObject({ fields: {}, scrubbedAt: expect.any(Date) });
    expect((await dispatch()).status).toBe(200);
    expect(await db.auditEntry.count({ where: { action: RETENTION_ACTION } })).toBe(1);
  });
});
