// A partner adds the form with embed.js: the iframe sizes itself, the host page hears about the
// submission, and the lead carries the partner's tag and page. Other origins cannot use the partner's embed.
import { ALLOWED_PARTNER_HOST, BLOCKED_PARTNER_HOST, PARTNER_ID, PARTNER_TAG, partnerUrl } from "./ports";
import { contactForm, DELIVERY_TIMEOUT, expect, fake, fillContactForm, newLead, test } from "./fixtures";

test("embed.js on an allowed partner page: the iframe fits the form, the page hears the submission, the lead carries the partner", async ({ page, outbox }) => {
  const partnerPage = `${partnerUrl(ALLOWED_PARTNER_HOST)}/partner?utm_source=Acme-Site&utm_campaign=spring`;
  await page.goto(partnerPage);
  const iframe = page.locator("#slot iframe");
  const embedded = page.frameLocator("#slot iframe");
  await expect(embedded.locator("form[data-hydrated]")).toHaveCount(1);

  // embed.js starts the frame at 640px; the form reports its real height and the frame takes it.
  await expect.poll(async () => iframe.evaluate((el) => el.style.height)).not.toBe("640px");
  const contentHeight = await embedded.locator("[data-embed-root]").evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
  await expect.poll(() => iframe.evaluate((el) => el.getBoundingClientRect().height)).toBe(contentHeight);

  const lead = newLead("partner");
  await fillContactForm(embedded, lead);
  await contactForm(embedded).submit.click();
  await expect(contactForm(embedded).thankYou).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { submitted: unknown[] }).submitted)).toEqual([{ formId: "contact" }]);

  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT }).toBe("DELIVERED");
  const [request] = await fake.contactRequestsFor(lead.email);
  expect(request.body.tags).toEqual(["website", "contact-form", PARTNER_TAG, "utm_source:acme-site", "utm_campaign:spring"]);
  const stored = await outbox.attributionOf(lead.email);
  expect(stored).toMatchObject({ partnerId: PARTNER_ID, attribution: { landingUrl: partnerPage, utm: { utm_source: "Acme-Site", utm_campaign: "spring" } } });
});

test("the partner's embed does not render on an origin the partner did not register", async ({ page }) => {
  await page.goto(`${partnerUrl(BLOCKED_PARTNER_HOST)}/partner`);
  const iframe = page.locator("#slot iframe");
  await expect(iframe).toHaveCount(1);
  await expect
    .poll(
      () =>
        page
          .frames()
          .find((f) => f.parentFrame() === page.mainFrame())
          ?.url() ?? "",
    )
    .toMatch(/^chrome-error:/);
  await expect(page.frameLocator("#slot iframe").locator("form")).toHaveCount(0);
  expect(await iframe.evaluate((el) => el.style.height)).toBe("640px");
});
