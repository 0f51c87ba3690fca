// /embed/contact inside a partner's iframe: allowed origins get a working form, others get nothing
// (the app's Content-Security-Policy frame-ancestors makes the browser refuse to render it).
import type { Frame, Page } from "@playwright/test";
import { ALLOWED_PARTNER_HOST, appUrl, BLOCKED_PARTNER_HOST, partnerUrl } from "./ports";
import { contactForm, DELIVERY_TIMEOUT, expect, fake, fillContactForm, newLead, test, waitForHydratedForm } from "./fixtures";

/** Opens the partner page and waits for its iframe's load event (fired for a blocked frame too). */
async function openPartnerPage(page: Page, host: string): Promise<Frame> {
  await page.goto(partnerUrl(host));
  await page.waitForFunction(() => (window as unknown as { embedLoaded?: boolean }).embedLoaded === true);
  const [child] = page.mainFrame().childFrames();
  expect(child, "the partner page has the iframe").toBeDefined();
  return child;
}

test("an allowed partner origin frames the form, and a submission from inside the frame is thanked", async ({ page, outbox }) => {
  const frame = await openPartnerPage(page, ALLOWED_PARTNER_HOST);
  expect(frame.url()).toBe(`${appUrl}/embed/contact`);
  const embedded = page.frameLocator("#leadrelay-embed");
  await expect(embedded.locator("form")).toHaveCount(1);
  await waitForHydratedForm(frame);

  const lead = newLead("embed-ok");
  await fillContactForm(embedded, lead);
  await contactForm(embedded).submit.click();
  await expect(contactForm(embedded).thankYou).toBeVisible();

  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT }).toBe("DELIVERED");
  expect(await fake.contactRequestsFor(lead.email)).toHaveLength(1);
});

test("an origin not in EMBED_ALLOWED_ORIGINS cannot frame the form", async ({ page }) => {
  const response = page.waitForResponse(`${appUrl}/embed/contact`);
  const frame = await openPartnerPage(page, BLOCKED_PARTNER_HOST);
  // The app answered, naming only the allowed partner as a frame ancestor...
  const csp = (await response).headers()["content-security-policy"];
  expect(csp).toMatch(new RegExp(`; frame-ancestors 'self' ${partnerUrl(ALLOWED_PARTNER_HOST)}$`));
  // ...so the browser replaced the frame with its error page: no form, no fields.
  expect(frame.url()).toMatch(/^chrome-error:/);
  await expect(page.frameLocator("#leadrelay-embed").locator("form")).toHaveCount(0);
  await expect(page.frameLocator("#leadrelay-embed").getByLabel(/^Email/)).toHaveCount(0);
});
