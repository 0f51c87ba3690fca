// With JavaScript: no axe violations, errors appear before any request, and focus moves to the first one.
import { FORM_PAGES, expectNoViolations } from "./a11y";
import { expect, newLead, signIn, submitLead, test, waitForHydratedForm } from "./fixtures";

for (const path of FORM_PAGES) {
  test(`${path} has no axe violations, empty or showing errors, and focus goes to the first error`, async ({ page }) => {
    await page.goto(path);
    await waitForHydratedForm(page);
    await expectNoViolations(page, "empty");

    await page.locator("form button[type=submit]").click();
    const firstInvalid = page.locator("form [aria-invalid=true]").first();
    await expect(firstInvalid).toBeFocused();
    await expect(firstInvalid).toHaveAccessibleDescription(/\S/);
    await expectNoViolations(page, "with errors");
  });
}

test("the contact form can be filled and sent with the keyboard alone", async ({ page }) => {
  await page.goto("/");
  await waitForHydratedForm(page);
  await page.getByLabel(/^First name/).focus();
  await page.keyboard.type("Grace");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Hopper");
  await page.keyboard.press("Tab");
  await page.keyboard.type(`keyboard-${Date.now()}@example.com`);
  await page.keyboard.press("Tab"); // phone
  await page.keyboard.press("Tab"); // company
  await page.keyboard.press("Tab"); // e-mail consent
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: /marketing news/ })).toBeChecked();
  await page.keyboard.press("Tab"); // SMS consent, a box of its own
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: /text messages \(SMS\)/ })).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: /privacy notice/i })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Send" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Thank you/)).toBeVisible();
});

const DASHBOARD_PAGES = [
  "/dashboard",
  "/dashboard?status=HELD",
  "/dashboard/locations",
  "/dashboard/account",
  "/dashboard/people",
  "/dashboard/audit",
  "/dashboard/privacy",
  "/dashboard/overview",
];

test("every dashboard page has no axe violations, on a desktop and on a phone", async ({ page }) => {
  test.setTimeout(120_000); // eighteen pages, each checked by axe
  const lead = newLead("a11y-dash");
  await submitLead(page, lead);
  await signIn(page);
  const detail = await page.getByTestId("outbox-row").filter({ hasText: lead.email }).getByRole("link").first().getAttribute("href");
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    for (const path of [...DASHBOARD_PAGES, detail!]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoViolations(page, `signed in as an admin, ${viewport.width} px wide`);
    }
  }
});
