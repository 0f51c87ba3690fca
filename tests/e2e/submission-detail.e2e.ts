// The submission detail page (labelled values, one timeline), editing and resending a lead LeadConnector refused, what
// a viewer may not do, and the overview page's chart and tables.
import { hash } from "@node-rs/argon2";
import type { Page } from "@playwright/test";
import { expectNoViolations } from "./a11y";
import { DELIVERY_TIMEOUT, expect, fake, newLead, submitLead, test, type Outbox } from "./fixtures";

const REFUSED = { status: 422, body: { statusCode: 422, message: ["email domain does not accept mail"], error: "Unprocessable Entity" } };
const PASSWORD = "e2e-detail-password-0123";

/** A person with this role, new for this run (emails are unique), who signs in through the login form. */
async function person(outbox: Outbox, role: "MARKETER" | "VIEWER") {
  const email = `e2e-${role.toLowerCase()}-${Date.now().toString(36)}@leadrelay.test`;
  await outbox.query(`INSERT INTO "User" (id, email, "passwordHash", role) VALUES (gen_random_uuid(), $1, $2, $3::"Role")`, [
    email,
    await hash(PASSWORD, { algorithm: 2 }),
    role,
  ]);
  return email;
}

async function signInAs(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** A lead LeadConnector refused with a 422: Failed after one attempt. Returns its id. */
async function failedLead(page: Page, outbox: Outbox, label: string) {
  await fake.setStanding(REFUSED);
  const lead = newLead(label);
  await submitLead(page, lead);
  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT }).toBe("FAILED");
  await fake.setStanding(null);
  const [row] = await outbox.byEmail(lead.email);
  return { lead, id: row.id };
}

const valueOf = (page: Page, label: string | RegExp) =>
  page
    .getByTestId("submission-values")
    .locator("dt", { hasText: typeof label === "string" ? new RegExp(`^${label}$`) : label })
    .locator("xpath=following-sibling::dd[1]");

test("a marketer sees a refused lead's labelled values and 422, corrects it, and sees it Delivered with the edit in the timeline", async ({ page, outbox }) => {
  const { lead, id } = await failedLead(page, outbox, "detail-edit");
  await signInAs(page, await person(outbox, "MARKETER"));
  await page.goto(`/dashboard/submissions/${id}`);

  await expect(page.getByRole("heading", { level: 1, name: "Submission" })).toBeVisible();
  await expect(page.getByTestId("submission-status")).toHaveText("Failed");
  await expect(valueOf(page, "First name")).toHaveText(lead.firstName);
  await expect(valueOf(page, "Email")).toHaveText(lead.email);
  await expect(valueOf(page, "Company")).toHaveText(lead.company);
  await expect(valueOf(page, /^Yes, send me marketing news/)).toHaveText("Yes");
  const refused = page.getByTestId("timeline-attempt");
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText("HTTP 422");
  await expect(refused).toContainText("rejected");
  await expect(refused).toContainText("email domain does not accept mail");
  await expectNoViolations(page, "failed, with the edit form");

  // A value the form's own schema refuses: its error next to the field, the typed value kept, nothing saved.
  const email = page.getByRole("textbox", { name: "Email (required)" });
  await email.fill("not an email");
  await page.getByRole("button", { name: "Save and resend" }).click();
  await expect(email).toHaveAccessibleDescription("Enter a valid email address, like name@example.com");
  await expect(email).toHaveValue("not an email");
  expect((await outbox.byEmail(lead.email))[0].status).toBe("FAILED");

  const fixed = `fixed-${lead.email}`;
  await email.fill(fixed);
  await page.getByRole("button", { name: "Save and resend" }).click();
  await expect(page.getByTestId("submission-status")).toHaveText("Delivered", { timeout: DELIVERY_TIMEOUT });
  await expect(valueOf(page, "Email")).toHaveText(fixed);
  const edit = page.getByTestId("timeline-audit").filter({ has: page.getByText("Edited and resent", { exact: true }) });
  await expect(edit).toContainText(/by e2e-marketer-/);
  await expect(page.getByTestId("timeline-audit").filter({ hasText: "Not done: edited and resent" })).toContainText("(invalid, nothing changed)");
  await expect(edit.getByRole("row", { name: /Email/ })).toContainText(`${lead.email}${fixed}`);
  await expect(page.getByTestId("timeline-attempt").last()).toContainText("HTTP 201");
  await expect(page.getByRole("heading", { name: "Edit and resend" })).toHaveCount(0);
  expect(await fake.contactRequestsFor(fixed)).toHaveLength(1);

  // The audit entry keeps the changed field only, before and after.
  const { rows } = await outbox.query<{ detail: unknown }>(
    `SELECT detail FROM "AuditEntry" WHERE action = 'submission.edit' AND "submissionIds" @> ARRAY[$1]::uuid[] ORDER BY id`,
    [id],
  );
  expect(rows.map((r) => r.detail)).toEqual([{ outcome: "invalid" }, { outcome: "done", changes: { email: { before: lead.email, after: fixed } } }]);

  // On a phone the page fits the screen: nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await expectNoViolations(page, "delivered, on a phone");
});

test("a viewer sees a Failed submission without Edit or Retry", async ({ page, outbox }) => {
  const { lead, id } = await failedLead(page, outbox, "detail-viewer");
  await signInAs(page, await person(outbox, "VIEWER"));
  await page.goto(`/dashboard/submissions/${id}`);
  await expect(valueOf(page, "Email")).toHaveText(lead.email);
  await expect(page.getByTestId("timeline-attempt")).toContainText("HTTP 422");
  await expect(page.getByRole("heading", { name: "Edit and resend" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Save and resend|Retry/ })).toHaveCount(0);
});

test("the overview shows the chart with its summary, the per-day, per-form and per-partner tables and the locations", async ({ page, outbox }) => {
  const lead = newLead("overview");
  await submitLead(page, lead);
  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT }).toBe("DELIVERED");
  await signInAs(page, await person(outbox, "VIEWER"));
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  const { rows } = await outbox.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM "Submission" WHERE "createdAt" >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`,
  );
  const today = new Date().toISOString().slice(0, 10);
  await expect(page.getByRole("img", { name: /submissions in the last 30 days/ })).toBeVisible();
  const perDay = page.getByRole("table", { name: /Submissions per day by status/ });
  await expect(perDay.locator("tbody tr")).toHaveCount(30);
  await expect(perDay.getByRole("row", { name: today }).getByRole("cell").last()).toHaveText(String(rows[0].count));
  await expect(page.getByRole("table", { name: /per form/ }).getByRole("row", { name: /Talk to us/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /per partner/ }).getByRole("row", { name: /Direct \(no partner\)/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /state and LeadConnector limits/ }).getByRole("row", { name: /e2e-location/ })).toContainText("Active");
  await expectNoViolations(page, "overview");
});
