// With JavaScript: no axe violations, errors appear before any request, and focus moves to the first one.
import { FORM_PAGES, expectNoViolations } from "./a11y";
import { expect, test, waitForHydratedForm } from "./fixtures";

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
  await page.keyboard.press("Tab"); // consent
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: /marketing news/ })).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Send" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Thank you/)).toBeVisible();
});
