// People and access from the admin's side: adding people, changing roles, (de)activating, resetting passwords, and
// the audit log that records it. authorisation.e2e.ts posts every action as every kind of caller.
import type { Browser, Page } from "@playwright/test";
import { ADMIN, appUrl } from "./ports";
import { expect, signIn, test } from "./fixtures";

type Person = { email: string; password: string };
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const person = (label: string): Person => ({ email: `${label}-${run}@people.test`, password: `${label}-password-${run}` });

/** Adds a person on the People page (signed in as an admin) with a password of their own. */
async function addPerson(page: Page, who: Person, role: "Admin" | "Marketer" | "Viewer") {
  await page.goto("/dashboard/people");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByLabel("Password (optional)").fill(who.password);
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("status")).toContainText(`Added ${who.email} as ${role.toLowerCase()}`);
}

async function signedInContext(browser: Browser, who: Person) {
  const context = await browser.newContext({ baseURL: appUrl });
  const page = await context.newPage();
  await signIn(page, who);
  return { context, page };
}

test("an admin adds a viewer with a one-time password; the viewer signs in, reads the outbox, and sees no People page", async ({ page, browser }) => {
  await signIn(page);
  const viewer = person("viewer-once");
  await page.goto("/dashboard/people");
  await page.getByLabel("Email").fill(viewer.email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Viewer" });
  await page.getByRole("button", { name: "Add person" }).click();
  const shown = await page.getByRole("status").textContent();
  const password = /One-time password, shown only now: (\S+)/.exec(shown ?? "")?.[1];
  expect(password, shown ?? "").toBeTruthy();
  await expect(page.getByTestId("person-row").filter({ hasText: viewer.email })).toContainText("Viewer");

  const { context, page: viewerPage } = await signedInContext(browser, { email: viewer.email, password: password! });
  await expect(viewerPage.getByRole("heading", { name: "Outbox" })).toBeVisible();
  await expect(viewerPage.getByRole("link", { name: "People" })).toHaveCount(0);
  await viewerPage.goto("/dashboard/people");
  await expect(viewerPage).toHaveURL(/\/login\?error=forbidden$/);
  await expect(viewerPage.getByText("Your role does not allow that")).toBeVisible();
  await context.close();

  // The admin's own page shows the one-time password nowhere once left.
  await page.reload();
  await expect(page.getByText(password!)).toHaveCount(0);
});

test("an admin changes a role, resets a password and deactivates and reactivates a person; the audit log shows each, never a password", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signIn(page);
  const marketer = person("changes");
  await addPerson(page, marketer, "Marketer");
  const row = page.getByTestId("person-row").filter({ hasText: marketer.email });

  await row.getByLabel(`Role of ${marketer.email}`).selectOption({ label: "Viewer" });
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(row.getByRole("status")).toHaveText(`${marketer.email} is now viewer.`);
  await expect(row.getByRole("cell", { name: "Viewer", exact: true })).toBeVisible();

  await row.getByRole("button", { name: "Reset password" }).click();
  await expect(row.getByRole("status")).toContainText(`New one-time password for ${marketer.email}, shown only now:`);
  const reset = /shown only now: (\S+)/.exec((await row.getByRole("status").textContent()) ?? "")?.[1];
  expect(reset).toMatch(/^[\w-]{20}$/);
  // The old password no longer signs in; the new one does.
  const other = await browser.newContext({ baseURL: appUrl });
  const otherPage = await other.newPage();
  await otherPage.goto("/login");
  await otherPage.getByLabel("Email").fill(marketer.email);
  await otherPage.getByLabel("Password").fill(marketer.password);
  await otherPage.getByRole("button", { name: "Sign in" }).click();
  await expect(otherPage.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await signIn(otherPage, { email: marketer.email, password: reset! });

  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByRole("status")).toHaveText(`${marketer.email} is deactivated: their sessions have ended.`);
  await expect(row.getByRole("cell", { name: "Deactivated", exact: true })).toBeVisible();
  // Their open session ended with it.
  await otherPage.goto("/dashboard");
  await expect(otherPage).toHaveURL(/\/login$/);
  await other.close();
  await row.getByRole("button", { name: "Reactivate" }).click();
  await expect(row.getByRole("status")).toHaveText(`${marketer.email} can sign in again.`);
  await expect(row.getByRole("cell", { name: "Active", exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Action").selectOption("people.change");
  await page.getByLabel("Who (email contains)").fill(ADMIN.email);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/dashboard\/audit\?action=people\.change&actor=/);
  const entries = page.getByTestId("audit-row").filter({ hasText: marketer.email });
  // Newest first: reactivation, deactivation, reset, role change.
  await expect(entries).toHaveCount(4);
  await expect(entries.nth(0)).toContainText("changed");
  await expect(entries.nth(0)).toContainText("active: no → yes");
  await expect(entries.nth(1)).toContainText("active: yes → no");
  await expect(entries.nth(2)).toContainText("reset-password");
  await expect(entries.nth(3)).toContainText("role: MARKETER → VIEWER");
  await expect(entries.nth(3).locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  await expect(page.getByText(reset!)).toHaveCount(0);
  await expect(page.getByText(marketer.password)).toHaveCount(0);
});
