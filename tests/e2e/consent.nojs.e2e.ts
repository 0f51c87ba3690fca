// Consent per channel without JavaScript: the plain HTML post of only the SMS box sets only SMS's do-not-disturb.
import { contactForm, DELIVERY_TIMEOUT, expect, fake, fillContactForm, newLead, test } from "./fixtures";

test("without JavaScript, only the SMS box ticked: SMS lifted and Email blocked upstream, the privacy link beside them", async ({ page, outbox }) => {
  const lead = newLead("consent-nojs");
  await page.goto("/");
  const form = contactForm(page);
  await expect(form.smsConsent).not.toBeChecked();
  await expect(form.privacyNotice).toHaveAttribute("href", "/privacy");
  await expect(form.privacyNotice).toHaveAttribute("target", "_blank");
  await fillContactForm(page, lead);
  await form.consent.uncheck();
  await form.smsConsent.check();
  await form.submit.click();
  await expect(form.thankYou).toBeVisible();

  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT }).toBe("DELIVERED");
  const [call] = await fake.contactRequestsFor(lead.email);
  expect(call.body.dndSettings).toEqual({ Email: { status: "active" }, SMS: { status: "inactive" } });
});
