// What the marketer sees for LeadConnector's other answers: an existing contact, and a refused token.
import { DELIVERY_TIMEOUT, expect, fake, newLead, signIn, submitLead, test } from "./fixtures";
import { LOCATION_ID } from "./ports";

// A test here that fails half way must not leave the stack's one location paused for every spec after it.
test.afterEach(async ({ pool }) => {
  await pool.query(`UPDATE "Location" SET "pausedAt" = NULL, "pauseReason" = NULL, "pausedTokenFingerprint" = NULL WHERE id = $1`, [LOCATION_ID]);
});

test("a lead whose email already exists in a no-duplicates location shows as delivered to the existing contact", async ({ page }) => {
  await fake.allowDuplicates(false);
  const first = newLead("dup-first");
  await submitLead(page, first);
  const again = { ...newLead("dup-again"), email: first.email };
  await submitLead(page, again);

  await signIn(page);
  const rows = page.getByTestId("outbox-row").filter({ hasText: first.email });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: again.lastName }).getByRole("cell").nth(4)).toHaveText("Delivered", { timeout: DELIVERY_TIMEOUT });
  await expect(rows.filter({ hasText: again.lastName }).getByRole("cell").nth(7)).toContainText("existing contact");
  await expect(rows.filter({ hasText: first.lastName }).getByRole("cell").nth(7)).toContainText("new contact");
});

test("a refused token pauses the location, the dashboard says so, and deliveries resume after a good probe", async ({ page, outbox }) => {
  await fake.setStanding({ status: 401, body: { statusCode: 401, message: "Invalid JWT", error: "Unauthorized" } });
  const lead = newLead("paused");
  await submitLead(page, lead);

  await signIn(page);
  const banner = page.getByRole("alert").filter({ hasText: "needs attention" });
  await expect(banner).toContainText("HTTP 401: Invalid JWT", { timeout: DELIVERY_TIMEOUT });
  await expect(banner).toContainText("1 submission waits");
  const row = page.getByTestId("outbox-row").filter({ hasText: lead.email });
  await expect(row.getByRole("cell").nth(4)).toHaveText("Pending");
  await page.getByRole("link", { name: "Manage locations" }).click();
  const location = page.getByTestId("location-row").filter({ hasText: LOCATION_ID });
  await expect(location).toContainText("Needs attention");
  await expect(location).toContainText("••••");

  await fake.setStanding(null); // the account owner fixed the token's access
  await outbox.allowProbeNow();
  await page.goto("/dashboard");
  await expect(row.getByRole("cell").nth(4)).toHaveText("Delivered", { timeout: DELIVERY_TIMEOUT });
  await expect(page.getByRole("alert").filter({ hasText: "needs attention" })).toHaveCount(0);
});
