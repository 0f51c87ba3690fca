// A person's request, answered from the dashboard: find by email or phone, export, erase, and with a second, separate
// confirmation delete the contact in HighLevel too.
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { DELIVERY_TIMEOUT, expect, fake, newLead, signIn, submitLead, test, type Lead, type Outbox } from "./fixtures";
import { LOCATION_ID } from "./ports";

/** Submits a lead, waits for its delivery and returns the contact it became. */
async function deliveredContact(page: Page, outbox: Outbox, lead: Lead): Promise<string> {
  await submitLead(page, lead);
  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT }).toBe("DELIVERED");
  const { rows } = await outbox.query<{ contactId: string }>(`SELECT "contactId" FROM "Submission" WHERE fields->>'email' = $1`, [lead.email]);
  return rows[0].contactId;
}

async function findPerson(page: Page, identifier: string) {
  await page.goto("/dashboard/privacy");
  await page.getByLabel("Email or phone number").fill(identifier);
  await page.getByRole("button", { name: "Find" }).click();
}

const deletesOf = async (contactId: string) => (await fake.requests()).filter((r) => r.method === "DELETE" && r.path === `/contacts/${contactId}`);

test("an admin finds a lead by phone in another format, exports it, and erases it everywhere", async ({ page, outbox }) => {
  const lead = newLead("privacy");
  const contactId = await deliveredContact(page, outbox, lead);
  await signIn(page);
  await findPerson(page, lead.email.toUpperCase());
  await expect(page.getByTestId("privacy-counts")).toHaveText(/^1 submission\(s\), 1 delivery attempt\(s\).*, 1 contact\(s\) in LeadConnector$/);
  // The email travelled in the action's body only.
  expect(page.url()).not.toContain("privacy-");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export JSON" }).click();
  const exported = JSON.parse(await readFile((await (await download).path())!, "utf8"));
  expect(exported.submissions).toHaveLength(1);
  expect(exported.submissions[0].values).toMatchObject({ email: lead.email, companyName: lead.company });

  await page.getByRole("button", { name: "Erase" }).click();
  await expect(page.getByText(`Type ${lead.email} again to confirm the erasure.`, { exact: true })).toBeVisible();
  await page.getByLabel(/Type .* again to confirm/).fill(lead.email);
  // The HighLevel delete is its own confirmation, off unless ticked: here the contact stays, and is listed to delete by hand.
  await expect(page.getByLabel(/Also delete their 1 contact\(s\) in HighLevel/)).not.toBeChecked();
  await page.getByRole("button", { name: "Erase" }).click();
  await expect(page.getByTestId("privacy-erased")).toContainText(`Erased ${lead.email}: 1 submission(s)`);
  await expect(page.getByTestId("privacy-upstream")).toContainText("Not deleted in HighLevel: the box was not ticked.");
  await expect(page.getByTestId("privacy-upstream-left")).toContainText(`${contactId} (location ${LOCATION_ID})`);
  expect(await deletesOf(contactId)).toEqual([]);
  expect(await outbox.countMentioning(lead.email)).toBe(0);
  const { rows } = await outbox.query<{ n: string }>(
    `SELECT count(*) AS n FROM "AuditEntry" WHERE action = 'privacy.erase' AND detail::text NOT LIKE '%' || $1 || '%'`,
    [lead.email],
  );
  expect(Number(rows[0].n)).toBeGreaterThan(0);
});

test("with the second confirmation ticked, the contact is deleted in HighLevel too, and a refusal is shown with what is left", async ({ page, outbox }) => {
  const lead = newLead("privacy-upstream");
  const contactId = await deliveredContact(page, outbox, lead);
  const refusedLead = newLead("privacy-refused");
  const refusedContact = await deliveredContact(page, outbox, refusedLead);
  await signIn(page);

  await findPerson(page, lead.email);
  await page.getByLabel(/Type .* again to confirm/).fill(lead.email);
  await page.getByLabel(/Also delete their 1 contact\(s\) in HighLevel/).check();
  await page.getByRole("button", { name: "Erase" }).click();
  await expect(page.getByTestId("privacy-upstream")).toContainText(`Contact ${contactId} in location ${LOCATION_ID}: deleted`);
  await expect(page.getByTestId("privacy-upstream-left")).toHaveCount(0);
  expect(await deletesOf(contactId)).toHaveLength(1);
  expect(await outbox.countMentioning(lead.email)).toBe(0);

  // A token without contacts.write: the erasure here is done all the same, and the contact is listed to delete by hand.
  await fake.scriptFor("delete", { status: 401, body: { statusCode: 401, message: "The token is not authorized for this scope." } });
  await findPerson(page, refusedLead.email);
  await page.getByLabel(/Type .* again to confirm/).fill(refusedLead.email);
  await page.getByLabel(/Also delete their 1 contact\(s\) in HighLevel/).check();
  await page.getByRole("button", { name: "Erase" }).click();
  await expect(page.getByTestId("privacy-erased")).toContainText(`Erased ${refusedLead.email}: 1 submission(s)`);
  await expect(page.getByTestId("privacy-upstream")).toContainText(
    `Contact ${refusedContact} in location ${LOCATION_ID}: not deleted, refused: the token lacks contacts.write for this location`,
  );
  await expect(page.getByTestId("privacy-upstream-left")).toContainText(
    `Delete this contact in HighLevel by hand: ${refusedContact} (location ${LOCATION_ID}).`,
  );
  expect(await outbox.countMentioning(refusedLead.email)).toBe(0);
  const { rows } = await outbox.query<{ upstream: unknown }>(
    `SELECT detail->'upstream' AS upstream FROM "AuditEntry" WHERE action = 'privacy.erase' ORDER BY id DESC LIMIT 1`,
  );
  expect(rows[0].upstream).toEqual({ contacts: 1, deleted: 0, alreadyGone: 0, refused: 1, failed: 0 });
});
