// A person who sends the form too often from one address is told so, and keeps what they typed.
import { LIMIT_PER_IP } from "./ports";
import { contactForm, expect, fillContactForm, newLead, submitLead, test, waitForHydratedForm } from "./fixtures";

test("over the per-address limit, a visitor reads a plain message and keeps every value typed", async ({ page, outbox }) => {
  for (let i = 0; i < LIMIT_PER_IP; i++) await submitLead(page, newLead(`limit-${i}`));

  const lead = newLead("limit-over");
  await page.goto("/");
  await waitForHydratedForm(page);
  await fillContactForm(page, lead);
  const form = contactForm(page);
  await form.submit.click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    "You have sent this form several times in a short while. Please wait a few minutes, then send it again.",
  );
  await expect(form.firstName).toHaveValue(lead.firstName);
  await expect(form.lastName).toHaveValue(lead.lastName);
  await expect(form.email).toHaveValue(lead.email);
  await expect(form.company).toHaveValue(lead.company);
  await expect(form.consent).toBeChecked();
  expect(await outbox.countMentioning(lead.email)).toBe(0);
});
