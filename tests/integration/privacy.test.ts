import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/log";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { applyBulk } from "@/lib/outbox/bulk";
import { editFailedSubmission } from "@/lib/submission/edit";
import { eraseHeld, exportHeld, findHeld, identify } from "@/lib/privacy/requests";
import { fixtureForms } from "../../support/forms";
import { deliveryHarness } from "../support/harness";
import { dispatcherFor, submitContact } from "../support/delivery";

const h = deliveryHarness();
const HASH_KEY = "privacy-test-hash-key-0123456789abcdef";

/** Every text, varchar, json, jsonb and array column of every table that holds `needle`, as "Table.column: count". */
async function scanEveryColumn(needle: string) {
  const columns = await h.database.db.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY')`;
  expect(columns.length).toBeGreaterThan(40);
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    const [{ count }] = await h.database.db.$queryRawUnsafe<{ count: bigint }[]>(
      `SELECT count(*) FROM "${table_name}" WHERE strpos(lower("${column_name}"::text), lower($1)) > 0`,
      needle,
    );
    if (count > 0n) hits.push(`${table_name}.${column_name}: ${count}`);
  }
  return hits;
}

function privacyCommand(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/privacy.ts", ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", DATABASE_URL: h.database.url, PRIVACY_HASH_KEY: HASH_KEY },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let [stdout, stderr] = ["", ""];
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

describe("a person's request to see and erase what is held on them", () => {
  it("finds everything by email or phone in any format, exports it all, and erases it from every column of every table", async () => {
    const email = `erase-me-${Date.now()}@example.com`;
    const phone = "+12025550187";
    const dispatcher = dispatcherFor(h.database.db, h.fake);
    // Delivered; then refused with an answer that echoes the values; then one still waiting; and a stranger's.
    const delivered = await submitContact(h.database.db, { email, phone: "(202) 555-0187", companyName: "Erasable Ltd" });
    expect(await dispatcher.deliverNow(delivered)).toMatchObject({ kind: "delivered" });
    h.fake.script({ status: 422, body: { statusCode: 422, message: [`email ${email} and phone ${phone} are not allowed`] } });
    const refused = await submitContact(h.database.db, { email, phone: "" });
    expect(await dispatcher.deliverNow(refused)).toMatchObject({ kind: "failed" });
    const waiting = await submitContact(h.database.db, { email: email.toUpperCase(), firstName: "Waits" });
    const stranger = await submitContact(h.database.db, { email: "stranger@example.com" });
    await attemptSignIn(h.database.db, { email, password: "not-a-user-password", address: "127.0.0.9" }, () => Promise.resolve());
    // A marketer's words about the person, without the email: the refused one corrected (the audit keeps before and
    // after), and one discarded with a free-text reason (kept on the row and in the audit entry).
    const marketer = { id: null, email: "marketer@leadrelay.test" };
    const edit = await editFailedSubmission(h.database.db, fixtureForms, refused, {
      firstName: "Ada",
      lastName: "Lovelace",
      email,
      phone: "",
      companyName: "Quotable Holdings",
    });
    expect(edit).toMatchObject({ kind: "edited", changes: { companyName: { after: "Quotable Holdings" } } });
    await recordAudit(h.database.db, {
      actor: marketer,
      action: "submission.edit",
      submissionIds: [refused],
      detail: { outcome: "done", changes: edit.kind === "edited" ? edit.changes : {} },
    });
    const discarded = await submitContact(h.database.db, { email, firstName: "Discarded" });
    const reason = "Ms Quotable asked us to stop calling";
    expect(await applyBulk(h.database.db, "discard", { ids: [discarded] }, { reason })).toMatchObject({ changed: 1 });
    await recordAudit(h.database.db, {
      actor: marketer,
      action: "outbox.bulk",
      submissionIds: [discarded],
      detail: { outcome: "done", intent: "discard-selected", changed: 1, skipped: 0, reason },
    });

    const byEmail = identify(` ${email.toUpperCase()} `)!;
    const byPhone = identify("202-555-0187")!;
    expect(byPhone).toEqual({ kind: "phone", value: phone });
    expect(await findHeld(h.database.db, byEmail)).toEqual({ submissions: 4, attempts: 2, auditEntries: 3, signInFailures: 1, contacts: 1 });
    expect(await findHeld(h.database.db, byPhone)).toMatchObject({ submissions: 1, attempts: 1 });

    const exported = await exportHeld(h.database.db, byEmail);
    expect(exported.submissions.map((s) => s.id).sort()).toEqual([delivered, refused, waiting, discarded].sort());
    expect(exported.submissions.flatMap((s) => s.attempts)).toHaveLength(2);
    expect(exported.submissions.find((s) => s.id === delivered)!.leadConnector.contactId).toEqual(expect.any(String));
    expect(exported.submissions.find((s) => s.id === delivered)!.consent).toMatchObject({
      boxes: expect.arrayContaining([expect.objectContaining({ wording: expect.any(String) })]),
    });
    expect(exported.auditEntries).toHaveLength(3);

    const erased = await eraseHeld(h.database.db, byEmail, { actor: null, hashKey: HASH_KEY });
    expect(erased).toMatchObject({ submissions: 4, attempts: 2, auditEntries: 3, signInFailures: 1, identifierHash: expect.stringMatching(/^[0-9a-f]{32}$/) });
    for (const needle of [email, phone, "2025550187", "Erasable Ltd", "Quotable"]) expect(await scanEveryColumn(needle), needle).toEqual([]);
    // The stranger keeps everything; the erasure is on record without the email.
    expect((await h.database.db.submission.findUniqueOrThrow({ where: { id: stranger } })).fields).toMatchObject({ email: "stranger@example.com" });
    const entry = await h.database.db.auditEntry.findFirstOrThrow({ where: { action: "privacy.erase" } });
    expect(entry.detail).toMatchObject({ identifierKind: "email", identifierHash: erased.identifierHash, submissions: 4 });

    // The waiting one is never sent, not even by a dispatcher that runs afterwards.
    const before = h.fake.requests.length;
    while ((await dispatcher.runOnce()) > 0);
    expect(
      h.fake.requests.slice(before).filter((r) => JSON.stringify(r.body ?? "").includes("example.com") && !JSON.stringify(r.body).includes("stranger")),
    ).toEqual([]);
    expect(await h.database.db.submission.findUniqueOrThrow({ where: { id: waiting } })).toMatchObject({ status: "DISCARDED", fields: {} });
    expect(await findHeld(h.database.db, byEmail)).toEqual({ submissions: 0, attempts: 0, auditEntries: 0, signInFailures: 0, contacts: 0 });
  });

  it("answers on the command line: JSON for an export, a summary for an erasure, non-zero for what is not an email or phone", async () => {
    const email = `cli-${Date.now()}@example.com`;
    const id = await submitContact(h.database.db, { email });
    const exported = await privacyCommand(["export", email]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout.slice(exported.stdout.indexOf("{"))).submissions.map((s: { id: string }) => s.id)).toEqual([id]);

    const erased = await privacyCommand(["erase", email]);
    expect(erased.code).toBe(0);
    expect(erased.stdout).toContain(`Erased email ${email}: 1 submission(s)`);
    const again = await privacyCommand(["erase", email]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("0 submission(s)");

    const bad = await privacyCommand(["erase", "not a person"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"not a person" is neither an email address nor a phone number');
    expect((await privacyCommand(["export"])).code).toBe(2);
  });
});
