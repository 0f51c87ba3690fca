import { describe, expect, it } from "vitest";
import { defineForm, FormDefinitionError } from "@/lib/forms/definition";
import { acceptSubmission } from "@/lib/submission/accept";
import { deliveryHarness } from "../support/harness";
import { dispatcherFor, LOCATION_ID } from "../support/delivery";
import { routedForm } from "../../support/forms";

const h = deliveryHarness();

async function submitRouted(n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const result = await acceptSubmission(h.database.db, {
      form: routedForm,
      input: { firstName: "Lead", email: `routed-${i}-${Math.random().toString(36).slice(2)}@example.com` },
      locationId: LOCATION_ID,
    });
    if (result.status !== "accepted") throw new Error(`not accepted: ${result.status}`);
    ids.push(result.submissionId);
  }
  return ids;
}

const assigneesSent = () => h.fake.requests.filter((r) => r.path === "/contacts/").map((r) => (r.body as { assignedTo?: string }).assignedTo);

describe("round-robin lead routing", () => {
  it("shares the leads evenly between the users, across processes delivering at once", async () => {
    const ids = await submitRouted(12);
    const workers = ["a", "b", "c"].map((workerId) => dispatcherFor(h.database.db, h.fake, { workerId }));
    await Promise.all(
      workers.map(async (w) => {
        while ((await w.runOnce()) > 0);
      }),
    );
    const rows = await h.database.db.submission.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.status === "DELIVERED")).toBe(true);
    const counts = Object.fromEntries(["user_ann", "user_bo", "user_cy"].map((u) => [u, rows.filter((r) => r.assignedTo === u).length]));
    expect(counts).toEqual({ user_ann: 4, user_bo: 4, user_cy: 4 });
    // What was stored is what LeadConnector was told.
    expect(assigneesSent().sort()).toEqual(rows.map((r) => r.assignedTo).sort());
  });

  it("keeps a submission's user when its delivery is retried, so the turn is not spent twice", async () => {
    h.fake.script({ status: 503, body: { statusCode: 503, message: "Service Unavailable" } });
    const [first, second] = await submitRouted(2);
    const dispatcher = dispatcherFor(h.database.db, h.fake);
    expect(await dispatcher.deliverNow(first)).toMatchObject({ kind: "retry" });
    await h.database.db.submission.update({ where: { id: first }, data: { nextAttemptAt: new Date() } });
    expect(await dispatcher.deliverNow(first)).toMatchObject({ kind: "delivered" });
    expect(await dispatcher.deliverNow(second)).toMatchObject({ kind: "delivered" });
    const [a, again, b] = assigneesSent();
    expect(again).toBe(a);
    expect(b).not.toBe(a);
    expect((await h.database.db.submission.findUniqueOrThrow({ where: { id: first } })).assignedTo).toBe(a);
  });

  it("refuses a form whose round-robin is empty or names something that is not a user id", () => {
    expect(() => defineForm({ ...routedForm, assignedTo: { roundRobin: [] } })).toThrow(FormDefinitionError);
    expect(() => defineForm({ ...routedForm, assignedTo: { roundRobin: ["user ann"] } })).toThrow(/"user ann" is not a LeadConnector user id/);
  });
});
