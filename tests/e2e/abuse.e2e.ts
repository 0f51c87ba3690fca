// What a bot meets: the same thank-you a person sees, nothing stored, and the rejection counted.
import { contactForm, expect, fillContactForm, newLead, type Outbox, test, waitForHydratedForm } from "./fixtures";

/** Turned-away posts by reason, as `npm run outbox:stats` reports them (no longer on the public health answer). */
const honeypotRejections = async (outbox: Outbox) => Number((await outbox.query<{ count: number }>(`SELECT count FROM "Rejection" WHERE reason = 'honeypot'`)).rows[0]?.count ?? 0);

test("a bot that fills the hidden honeypot is thanked, nothing is stored, and the rejection is counted", async ({ page, outbox }) => {
  const before = await honeypotRejections(outbox);
  const lead = newLead("bot");
  await page.goto("/");
  await waitForHydratedForm(page);
  await fillContactForm(page, lead);
  await page.locator("input[name=fax_number]").fill("+1 555 0100", { force: true });
  await contactForm(page).submit.click();
  await expect(contactForm(page).thankYou).toBeVisible();

  await expect.poll(() => honeypotRejections(outbox)).toBe(before + 1);
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
