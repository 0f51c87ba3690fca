// Consent per channel with JavaScript: ticking only the SMS box lifts do-not-disturb on SMS alone, and the privacy
// notice sits beside the consent wording, opening in a new tab (the form may be in a partner's iframe).
import { expectNoViolations } from "./a11y";
import { appUrl } from "./ports";
import { contactForm, DELIVERY_TIMEOUT, expect, fake, fillContactForm, newLead, signIn, test, waitForHydratedForm } from "./fixtures";

test("only the SMS box ticked: LeadConnector gets SMS lifted and Email blocked, and the detail page shows each box", async ({ page, outbox }) => {
  const lead = newLead("consent-sms");
  await page.goto("/");
  await waitForHydratedForm(page);
  const form = contactForm(page);
  // Never pre-ticked: the visitor's tick is the only consent there is.
  await expect(form.consent).not.toBeChecked();
  await expect(form.smsConsent).not.toBeChecked();
  await fillContactForm(page, lead);
  await form.consent.uncheck();
  await form.smsConsent.check();
  await form.submit.click();
  await expect(form.thankYou).toBeVisible();

  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT }).toBe("DELIVERED");
  const [call] = await fake.contactRequestsFor(lead.email);
  expect(call.body.dndSettings).toEqual({ Email: { status: "active" }, SMS: { status: "inactive" } });

  const [row] = await outbox.byEmail(lead.email);
  await signIn(page);
  await page.goto(`/dashboard/submissions/${row.id}`);
  const consent = page.getByRole("region", { name: "Consent" });
  await expect(consent.getByTestId("consent-SMS")).toContainText("SMS: given");
  await expect(consent.getByTestId("consent-SMS")).toContainText("text messages (SMS)");
  await expect(consent.getByTestId("consent-Email")).toContainText("Email: not given");
  await expect(consent).toContainText("User agent");
  await expect(consent).toContainText("Chrome");
});

for (const path of ["/", "/embed/contact"]) {
  test(`${path}: the privacy notice is linked beside the consent wording and opens in a new tab`, async ({ page }) => {
    await page.goto(path);
    const link = contactForm(page).privacyNotice;
    await expect(link).toHaveAttribute("href", "/privacy");
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAccessibleName("privacy notice (opens in a new tab)");
    // Right under the last consent box, where the visitor reads what they agree to.
    await expect(page.locator("div:has(> div > #field-smsConsent) + p a")).toHaveText(/privacy notice/);
    const notice = page.waitForEvent("popup");
    await link.click();
    const tab = await notice;
    await expect(tab).toHaveURL(`${appUrl}/privacy`);
    await expect(tab.getByRole("heading", { level: 1 })).toHaveText("Privacy notice");
    await expectNoViolations(tab, "the default privacy notice");
  });
}
