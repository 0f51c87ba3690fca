// Editing a Failed submission: checked by its form's own schema, fenced against a running delivery, and delivered
// again as corrected, with the changed fields' before and after for the audit log and the original values in history.
import { describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/log";
import { submissionHistory } from "@/lib/outbox/timeline";
import { editFailedSubmission } from "@/lib/submission/edit";
import { dispatcherFor, submitContact } from "../support/delivery";
import { deliveryHarness } from "../support/harness";
import { fixtureForms } from "../../support/forms";

const h = deliveryHarness();
const REFUSED = { status: 422, body: { statusCode: 422, message: ["email is invalid"], error: "Unprocessable Entity" } };

/** A contact-form lead LeadConnector refused: delivered once against a 422, so it is Failed as in production. */
async function failedLead(values: Record<string, unknown> = {}) {
  h.fake.script(REFUSED);
  const id = await submitContact(h.database.db, { firstName: "Ada", email: "ada@bad-domain.example", companyName: "Relay Ltd", ...values });
  await dispatcherFor(h.database.db, h.fake).runOnce();
  const row = await h.database.db.submission.findUniqueOrThrow({ where: { id } });
  expect(row.status).toBe("FAILED");
  return id;
}

const corrected = { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", phone: "", companyName: "Relay Ltd" };

describe("editing a Failed submission", () => {
  it("replaces the values, puts it back in line as Pending, and returns only the changed fields' before and after", async () => {
    const id = await failedLead();
    await h.database.db.submission.update({ where: { id }, data: { consecutiveFailures: 4, nextAttemptAt: new Date(Date.now() + 3_600_000) } });
    const result = await editFailedSubmission(h.database.db, fixtureForms, id, { ...corrected, email: "  ADA@Example.com " });
    expect(result).toEqual({ kind: "edited", changes: { email: { before: "ada@bad-domain.example", after: "ada@example.com" } } });
    const row = await h.database.db.submission.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "PENDING", consecutiveFailures: 0, lockedUntil: null, lockedBy: null });
    expect((row.fields as Record<string, unknown>).email).toBe("ada@example.com");
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    // The search finds the corrected email, not the refused one.
    expect(row.searchText).toContain("ada@example.com");
    expect(row.searchText).not.toContain("bad-domain");

    expect(await dispatcherFor(h.database.db, h.fake).runOnce()).toBe(1);
    expect(await h.database.db.submission.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "DELIVERED" });
    expect(h.fake.contacts.map((c) => c.body.email)).toEqual(["ada@example.com"]);
  });

  it("rejects bad values with field errors from the form's own schema, and changes nothing", async () => {
    const id = await failedLead();
    const before = await h.database.db.submission.findUniqueOrThrow({ where: { id } });
    const result = await editFailedSubmission(h.database.db, fixtureForms, id, { ...corrected, firstName: "", email: "not an email", phone: "12" });
    expect(result).toEqual({
      kind: "invalid",
      errors: {
        firstName: ["Enter your first name"],
        email: ["Enter a valid email address, like name@example.com"],
        phone: ["Enter a valid phone number, with the country code if it is not in the US"],
      },
    });
    expect(await h.database.db.submission.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });

  it("does not change a row a process holds the lease of", async () => {
    const id = await failedLead();
    await h.database.db.submission.update({ where: { id }, data: { lockedUntil: new Date(Date.now() + 60_000), lockedBy: "worker-a" } });
    const before = await h.database.db.submission.findUniqueOrThrow({ where: { id } });
    expect(await editFailedSubmission(h.database.db, fixtureForms, id, corrected)).toEqual({ kind: "leased" });
    expect(await h.database.db.submission.findUniqueOrThrow({ where: { id } })).toEqual(before);
    // A lease that ran out (its process died) no longer protects the row.
    await h.database.db.submission.update({ where: { id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect(await editFailedSubmission(h.database.db, fixtureForms, id, corrected)).toMatchObject({ kind: "edited" });
  });

  it("changes only Failed submissions, never the consent, and refuses an edit that changes nothing", async () => {
    const delivered = await submitContact(h.database.db);
    await dispatcherFor(h.database.db, h.fake).runOnce();
    expect(await editFailedSubmission(h.database.db, fixtureForms, delivered, corrected)).toEqual({ kind: "not-failed" });

    const id = await failedLead({ marketingConsent: true });
    const stored = (await h.database.db.submission.findUniqueOrThrow({ where: { id } })).fields as Record<string, unknown>;
    expect(await editFailedSubmission(h.database.db, fixtureForms, id, { ...stored })).toEqual({ kind: "unchanged" });
    // A consent box posted unticked does not withdraw what the visitor agreed to.
    const result = await editFailedSubmission(h.database.db, fixtureForms, id, { ...corrected, marketingConsent: "" });
    expect(result).toEqual({ kind: "edited", changes: { email: { before: "ada@bad-domain.example", after: "ada@example.com" } } });
    expect(((await h.database.db.submission.findUniqueOrThrow({ where: { id } })).fields as Record<string, unknown>).marketingConsent).toBe(true);
  });

  it("shows the 422 attempt, the edit with its before and after, and the delivery in one timeline by time", async () => {
    const id = await failedLead();
    const result = await editFailedSubmission(h.database.db, fixtureForms, id, corrected);
    if (result.kind !== "edited") throw new Error(result.kind);
    // What dashboardAction("submission.edit") appends for this call.
    await recordAudit(h.database.db, {
      actor: { id: "6f1c2a9e-8a56-4c39-9a43-1f7c2d1e0b11", email: "marketer@example.com" },
      action: "submission.edit",
      submissionIds: [id],
      detail: { outcome: "done", changes: result.changes },
    });
    await recordAudit(h.database.db, { actor: null, action: "submission.retry", submissionIds: ["00000000-0000-4000-8000-000000000000"] });
    await dispatcherFor(h.database.db, h.fake).runOnce();

    const history = await submissionHistory(h.database.db, id);
    const kinds = history!.timeline.map((e) =>
      e.kind === "attempt" ? `${e.attempt.action} ${e.attempt.httpStatus}` : e.kind === "audit" ? e.entry.action : e.kind,
    );
    // As after a retry: a refused create is looked up (by the corrected email) before the next create.
    expect(kinds).toEqual(["accepted", "create 422", "submission.edit", "lookup 200", "create 201"]);
    const edit = history!.timeline.find((e) => e.kind === "audit");
    expect(edit).toMatchObject({
      entry: { actorEmail: "marketer@example.com", detail: { changes: { email: { before: "ada@bad-domain.example", after: "ada@example.com" } } } },
    });
    await h.database.db.auditEntry.findMany().then((entries) => expect(entries).toHaveLength(2));
  });
});
