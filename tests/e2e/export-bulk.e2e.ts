// Export CSV and bulk actions on the outbox list: a marketer discards two ticked rows with a reason and finds them
// under Discarded; a viewer may export but sees no bulk actions; the download holds exactly the filtered rows.
import { readFileSync } from "node:fs";
import type pg from "pg";
import { hashPassword } from "../../lib/users/password";
import { parseCsv } from "../support/csv";
import { expect, newLead, signIn, test } from "./fixtures";
import { LOCATION_ID } from "./ports";

type Person = { email: string; password: string };

async function createUser(pool: pg.Pool, role: "MARKETER" | "VIEWER", label: string): Promise<Person> {
  const person = { email: newLead(label).email, password: `pw-${label}-0123456789` };
  await pool.query(`INSERT INTO "User" (id, email, "passwordHash", role) VALUES (gen_random_uuid(), $1, $2, $3::"Role")`, [
    person.email,
    await hashPassword(person.password),
    role,
  ]);
  return person;
}

/** Failed contact submissions sharing a token no other test has, so a search for it finds exactly these. */
async function seedFailed(pool: pg.Pool, label: string, count: number) {
  const token = newLead(label).email.replace(/@.*/, "");
  const emails = Array.from({ length: count }, (_, i) => `${token}-${i}@example.com`);
  for (const [i, email] of emails.entries())
    await pool.query(
      `INSERT INTO "Submission" (id, "formId", "locationId", fields, status, "attemptCount", "lastError", "searchText", "createdAt", "updatedAt")
       VALUES (gen_random_uuid(), 'contact', $1, $2, 'FAILED', 10, 'HTTP 422: rejected', $3, now() - $4 * interval '1 second', now())`,
      [LOCATION_ID, JSON.stringify({ firstName: "Bulk", lastName: `Lead ${i}`, email, companyName: i === 0 ? "=cmd()" : "Relay" }), email, i],
    );
  return { token, emails };
}

test("a marketer filters, ticks two rows, discards them with a reason, reads the summary and finds them under Discarded", async ({ page, outbox, pool }) => {
  const marketer = await createUser(pool, "MARKETER", "bulk-marketer");
  const { token, emails } = await seedFailed(pool, "bulk", 3);
  await signIn(page, marketer);
  await page.getByRole("link", { name: /^Failed \(\d+\)$/ }).click();
  await expect(page.getByRole("link", { name: /^Failed \(\d+\)$/ })).toHaveAttribute("aria-current", "page"); // before the filter form posts
  await page.getByLabel("Search", { exact: true }).fill(token);
  await page.getByRole("button", { name: "Filter" }).click();
  const rows = page.getByTestId("outbox-row");
  await expect(rows).toHaveCount(3);

  for (const email of emails.slice(0, 2))
    await rows
      .filter({ hasText: email })
      .getByRole("checkbox", { name: `Select ${email}` })
      .check();
  // A discard needs a reason: without one nothing changes and the form says why.
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Discard selected" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Say why" })).toBeVisible();
  expect(await outbox.statusOf(emails[0])).toBe("FAILED");

  await page.getByLabel("Reason for discarding").fill("Test leads from QA");
  // The confirmation names the count (a dialog blocks the click until answered, so it is answered in the handler).
  const asked: string[] = [];
  page.once("dialog", (dialog) => {
    asked.push(dialog.message());
    void dialog.accept();
  });
  await page.getByRole("button", { name: "Discard selected" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Discarded" })).toHaveText("Discarded 2 submissions: kept for the record, never delivered.");
  expect(asked).toEqual(["Discard 2 selected submissions?"]);

  const audit = await outbox.query<{ submissionIds: string[]; detail: { reason: string; changed: number } }>(
    `SELECT "submissionIds", detail FROM "AuditEntry" WHERE action = 'outbox.bulk' AND "actorEmail" = $1 AND detail->>'changed' = '2'`,
    [marketer.email],
  );
  expect(audit.rows).toHaveLength(1);
  expect(audit.rows[0].submissionIds).toHaveLength(2);
  expect(audit.rows[0].detail.reason).toBe("Test leads from QA");

  await page.getByRole("link", { name: /^Discarded \(\d+\)$/ }).click();
  await expect(page).toHaveURL(/status=DISCARDED/);
  await expect(rows).toHaveCount(2);
  for (const email of emails.slice(0, 2)) await expect(rows.filter({ hasText: email })).toHaveCount(1);
  await expect(page.getByRole("button", { name: /selected$/ })).toHaveCount(0); // nothing to do to Discarded rows
  expect(await outbox.statusOf(emails[2])).toBe("FAILED");
});

test("a viewer sees Export CSV but no bulk actions, and the download holds exactly the rows of the filter", async ({ page, outbox, pool }) => {
  const viewer = await createUser(pool, "VIEWER", "export-viewer");
  const { token, emails } = await seedFailed(pool, "export", 3);
  await signIn(page, viewer);
  await page.getByRole("link", { name: /^Failed \(\d+\)$/ }).click();
  await expect(page.getByRole("link", { name: /^Failed \(\d+\)$/ })).toHaveAttribute("aria-current", "page"); // before the filter form posts
  await page.getByLabel("Search", { exact: true }).fill(token);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("outbox-row")).toHaveCount(3);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Retry|Discard|Release)/ })).toHaveCount(0);

  const link = page.getByRole("link", { name: "Export CSV" });
  // The link carries the sealed search, never the term.
  expect(await link.getAttribute("href")).toMatch(/^\/dashboard\/export\?status=FAILED&q=[\w-]+$/);
  expect((await link.getAttribute("href"))!.toLowerCase()).not.toContain(token.toLowerCase());
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^leadrelay-outbox-\d{4}-\d\d-\d\d\.csv$/);
  const text = readFileSync((await download.path())!, "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const [header, ...records] = parseCsv(text.slice(1));
  const email = header.indexOf("Email");
  expect(records.map((r) => r[email]).sort()).toEqual([...emails].sort());
  expect(records.every((r) => r[header.indexOf("Status")] === "FAILED")).toBe(true);
  expect(records.find((r) => r[email] === emails[0])![header.indexOf("Company")]).toBe("'=cmd()");

  const audit = await outbox.query<{ detail: { rows: number; filter: { search: string; status: string } } }>(
    `SELECT detail FROM "AuditEntry" WHERE action = 'outbox.export' AND "actorEmail" = $1`,
    [viewer.email],
  );
  expect(audit.rows.map((r) => r.detail)).toEqual([
    expect.objectContaining({ rows: 3, filter: expect.objectContaining({ status: "FAILED", search: "(a search term)" }) }),
  ]);

  // The route checks the session itself: a viewer deactivated a moment ago gets a plain 401, not a file.
  await pool.query(`UPDATE "User" SET "deactivatedAt" = now() WHERE email = $1`, [viewer.email]);
  const refused = await page.request.get((await link.getAttribute("href"))!, { maxRedirects: 0 });
  expect(refused.status()).toBe(401);
  expect(await refused.text()).not.toContain(emails[0]);
});
