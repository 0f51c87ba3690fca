// What a bot meets: the same thank-you a person sees, nothing stored, and the rejection counted.
import { contactForm, expect, fillContactForm, newLead, test, waitForHydratedForm } from "./fixtures";

test("a bot that fills the hidden honeypot is thanked, nothing is stored, and /api/health counts it", async ({ page, outbox, request }) => {
  const before = ((await (await request.get("/api/health")).json()).rejected?.honeypot as number | undefined) ?? 0;
  const lead = newLead("bot");
  await page.goto("/");
  await waitForHydratedForm(page);
  await fillContactForm(page, lead);
  await page.locator("input[name=fax_number]").fill("+1 555 0100", { force: true });
  await contactForm(page).submit.click();
  await expect(contactForm(page).thankYou).toBeVisible();

  await expect.poll(async () => (await (await request.get("/api/health")).json()).rejected?.honeypot).toBe(before + 1);
  expect(await outbox.countMentioning(lead.email)).toBe(0);
});

test("a post without the form's token (not from a page this site rendered) is dropped the same way", async ({ page, outbox }) => {
  const lead = newLead("blind");
  await page.goto("/");
  await waitForHydratedForm(page);
  await fillContactForm(page, lead);
  await page.locator("input[name=_token]").evaluate((input: HTMLInputElement) => (input.value = ""));
  await contactForm(page).submit.click();
  await expect(contactForm(page).thankYou).toBeVisible();
  expect(await outbox.countMentioning(lead.email)).toBe(0);
});
