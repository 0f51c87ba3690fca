// A value over its field's maximum, without JavaScript: the server's schema answers with a field error, nothing stored.
import { contactForm, expect, fake, fillContactForm, newLead, test } from "./fixtures";

test("an email longer than 254 characters gets a field error from the server, and nothing is stored", async ({ page, outbox }) => {
  const lead = newLead("nojs-long");
  const email = `${"a".repeat(60)}.${lead.lastName.split(" ")[1]}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.example.com`;
  expect(email.length).toBeGreaterThan(254);
  await page.goto("/");
  await fillContactForm(page, { ...lead, email });
  const form = contactForm(page);
  await form.submit.click();

  await expect(form.email).toHaveAttribute("aria-invalid", "true");
  await expect(form.email).toHaveAccessibleDescription("Email must be at most 254 characters");
  await expect(form.thankYou).toHaveCount(0);
  expect(await outbox.countMentioning(lead.lastName.split(" ")[1])).toBe(0);
  expect(await fake.contactRequestsFor(email)).toEqual([]);
});
