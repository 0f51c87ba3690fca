// A token without contacts.readonly: the lookup after a lost answer is refused, the lead is still delivered, and the
// marketer sees the location as degraded, with the reason, on the dashboard and the Locations page.
import { fakeUrl } from "./ports";
import { DELIVERY_TIMEOUT, expect, newLead, signIn, submitLead, test } from "./fixtures";

async function control(path: string, body: unknown) {
  const response = await fetch(`${fakeUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`fake LeadConnector POST ${path}: HTTP ${response.status}`);
}

test.afterEach(async ({ pool }) => {
  await pool.query(`UPDATE "Location" SET "degradedAt" = NULL, "degradedReason" = NULL, "degradedTokenFingerprint" = NULL`);
});

test("a refused lookup shows the location as degraded with the reason, and the lead is still delivered", async ({ page, outbox }) => {
  await control("/__fake/settings", { lookupRefusal: 403 }); // undone by the fixture's reset of the fake
  await control("/__fake/script?route=create", [{ createThenDrop: true }]);
  const lead = newLead("degraded");
  await submitLead(page, lead);
  // Lost answer, then (after its backoff) a lookup answered 403, then a create.
  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT + 15_000 }).toBe("DELIVERED");

  await signIn(page);
  await expect(page.getByRole("status").filter({ hasText: "is degraded" })).toContainText("contacts.readonly");
  await page.goto("/dashboard/locations");
  await expect(page.getByTestId("location-degraded")).toContainText(/Degraded since .*: The token may not search contacts .*403.*contacts\.readonly/);
  await expect(page.getByText("contacts.write").first()).toBeVisible();
});
