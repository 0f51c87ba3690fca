// A person's request, answered from the dashboard: find by email or phone, export, erase.
import { readFile } from "node:fs/promises";
import { DELIVERY_TIMEOUT, expect, newLead, signIn, submitLead, test } from "./fixtures";

test("an admin finds a lead by phone in another format, exports it, and erases it everywhere", async ({ page, outbox }) => {
  const lead = newLead("privacy");
  await submitLead(page, lead);
  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT }).toBe("DELIVERED");
  await signIn(page);
  await page.goto("/dashboard/privacy");
  await page.getByLabel("Email or phone number").fill(lead.email.toUpperCase());
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page.getByTestId("privacy-counts")).toHaveText(/^1 submission\(s\), 1 delivery attempt\(s\)/);
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
  await page.getByRole("button", { name: "Erase" }).click();
  await expect(page.getByTestId("privacy-erased")).toContainText(`Erased ${lead.email}: 1 submission(s)`);
  expect(await outbox.countMentioning(lead.email)).toBe(0);
  const { rows } = await outbox.query<{ n: string }>(
    `SELECT count(*) AS n FROM "AuditEntry" WHERE action = 'privacy.erase' AND detail::text NOT LIKE '%' || $1 || '%'`,
    [lead.email],
  );
  expect(Number(rows[0].n)).toBeGreaterThan(0);
});
