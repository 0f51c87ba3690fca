// The marketer's dashboard: sign-in gate, delivery status, and retrying a failed delivery.
import { ADMIN, LOCATION_ID } from "./ports";
import { DELIVERY_TIMEOUT, expect, fake, newLead, signIn, submitLead, test } from "./fixtures";

test("the dashboard without a session redirects to the login page", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Outbox" })).toHaveCount(0);
});

test("a marketer signs in and sees a submitted lead as Delivered", async ({ page }) => {
  const lead = newLead("dash-ok");
  await submitLead(page, lead);

  await signIn(page);
  await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
  await expect(page.getByText(ADMIN.email)).toBeVisible();
  const row = page.getByTestId("outbox-row").filter({ hasText: lead.email });
  await expect(row.getByRole("cell").nth(4)).toHaveText("Delivered", { timeout: DELIVERY_TIMEOUT });
  await expect(row.getByRole("cell").nth(1)).toHaveText(`${lead.firstName} ${lead.lastName}`);
});

test("a lead LeadConnector rejects shows Failed with the reason, and Retry delivers it", async ({ page, outbox }) => {
  const message = "property x should not exist";
  await fake.setStanding({ status: 422, body: { statusCode: 422, message: [message], error: "Unprocessable Entity" } });
  const lead = newLead("dash-retry");
  await submitLead(page, lead);

  await signIn(page);
  const row = page.getByTestId("outbox-row").filter({ hasText: lead.email });
  const status = row.getByRole("cell").nth(4);
  const lastError = row.getByRole("cell").nth(6);
  await expect(status).toHaveText("Failed", { timeout: DELIVERY_TIMEOUT });
  await expect(lastError).toHaveText(`HTTP 422: ${message}`);
  // 422 is not retryable: one attempt, then it waits for a person.
  expect(await fake.contactRequestsFor(lead.email)).toHaveLength(1);

  await fake.setStanding(null);
  await row.getByRole("button", { name: "Retry" }).click();
  await expect(status).toHaveText("Delivered", { timeout: DELIVERY_TIMEOUT });
  await expect(lastError).toHaveText("");
  await expect(row.getByRole("button", { name: "Retry" })).toHaveCount(0);
  expect(await fake.contactRequestsFor(lead.email)).toHaveLength(2);
  expect(await outbox.statusOf(lead.email)).toBe("DELIVERED");
});

test("a location whose LeadConnector day is spent shows a notice, its lead waits unsent, and is delivered after the reset", async ({ page, outbox }) => {
  await outbox.spendDailyBudget(LOCATION_ID, 200_000);
  try {
    const lead = newLead("dash-daily");
    await submitLead(page, lead);
    await signIn(page);
    const notice = page.getByTestId("daily-budget-notice");
    await expect(notice).toContainText(`(${LOCATION_ID}) reached LeadConnector's daily limit of 200,000 calls`);
    await expect(notice).toContainText(/1 submission waits until .* UTC/);
    const row = page.getByTestId("outbox-row").filter({ hasText: lead.email });
    await expect(row.getByRole("cell").nth(4)).toHaveText("Pending");
    expect(await fake.contactRequestsFor(lead.email)).toHaveLength(0);
    expect((await outbox.byEmail(lead.email))[0].attemptCount).toBe(0);

    await outbox.endDay(LOCATION_ID);
    await expect(row.getByRole("cell").nth(4)).toHaveText("Delivered", { timeout: DELIVERY_TIMEOUT });
    await expect(page.getByTestId("daily-budget-notice")).toHaveCount(0);
    expect(await fake.contactRequestsFor(lead.email)).toHaveLength(1);
  } finally {
    await outbox.endDay(LOCATION_ID);
  }
});

test("the outbox names the retention rules and the last removal run (each web process runs retention as it starts)", async ({ page }) => {
  await signIn(page);
  await expect(page.getByTestId("retention-note")).toContainText(
    "Personal data of delivered and discarded submissions is removed after 90 days; of unjudged held ones, removed after 30 days.",
  );
  await expect(page.getByTestId("retention-note")).toContainText(/Last removal run .+ UTC: \d+ submissions? scrubbed in \d+ ms\./);
});
