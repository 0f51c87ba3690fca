// The pages as a visitor without JavaScript gets them: no axe violations, and the server's errors come
// with a summary linking to each field. axe itself needs JavaScript, so instead of turning it off this
// blocks the app's scripts: React never loads, and the form posts as plain HTML, as with JavaScript off.
import { FORM_PAGES, expectNoViolations } from "./a11y";
import { expect, test } from "./fixtures";

test.beforeEach(async ({ page }) => {
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
});

for (const path of FORM_PAGES) {
  test(`${path} without the app's scripts has no axe violations, empty or with the server's errors`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator("form[data-hydrated]")).toHaveCount(0);
    await expectNoViolations(page, "empty");

    await page.locator("form button[type=submit]").click();
    const summary = page.getByRole("alert").filter({ hasText: "Please correct" });
    await expect(summary).toBeVisible();
    const target = (await summary.getByRole("link").first().getAttribute("href"))!;
    await expect(page.locator(target)).toHaveAttribute("aria-invalid", "true");
    await expectNoViolations(page, "with errors");
  });
}
