// The quote and webinar pages: their own fields, custom fields and tags reach LeadConnector.
import { DELIVERY_TIMEOUT, expect, fake, newLead, test, waitForHydratedForm } from "./fixtures";

test("a quote request sends its service, budget and details as custom fields", async ({ page, outbox }) => {
  const lead = newLead("quote");
  await page.goto("/quote?utm_source=google&utm_campaign=roof-2026");
  await waitForHydratedForm(page);
  await page.getByLabel(/^First name/).fill(lead.firstName);
  await page.getByLabel(/^Last name/).fill(lead.lastName);
  await page.getByLabel(/^Email/).fill(lead.email);
  await page.getByLabel(/^Phone/).fill("(415) 555-2671");
  await page.getByLabel(/^Service/).selectOption("gutters");
  await page.getByLabel(/^Budget/).fill("2500");
  await page.getByLabel(/^What do you need/).fill("Replace 40 ft of gutter.\nBack of the house.");
  await page.getByRole("button", { name: "Request my quote" }).click();
  await expect(page.getByText(/Your request is in/)).toBeVisible();

  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT }).toBe("DELIVERED");
  const [request] = await fake.contactRequestsFor(lead.email);
  expect(request.body).toMatchObject({
    phone: "+14155552671",
    tags: ["website", "quote-request", "utm_source:google", "utm_campaign:roof-2026"],
    customFields: [
      { id: "quote_service", key: "contact.service", field_value: "gutters" },
      { id: "quote_budget", key: "contact.budget", field_value: 2500 },
      { id: "quote_details", key: "contact.details", field_value: "Replace 40 ft of gutter.\nBack of the house." },
    ],
  });
});

test("a webinar sign-up sends country, time zone and the chosen topics", async ({ page, outbox }) => {
  const lead = newLead("webinar");
  await page.goto("/webinar");
  await waitForHydratedForm(page);
  await page.getByLabel(/^First name/).fill(lead.firstName);
  await page.getByLabel(/^Email/).fill(lead.email);
  await page.getByLabel(/^Country/).selectOption("DE");
  await page.getByLabel(/^Time zone/).fill("Europe/Berlin");
  await page.getByLabel("Routing and assignment").check();
  await page.getByLabel("Follow-up sequences").check();
  await page.getByRole("button", { name: "Save my seat" }).click();
  await expect(page.getByText(/Your seat is saved/)).toBeVisible();

  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT }).toBe("DELIVERED");
  const [request] = await fake.contactRequestsFor(lead.email);
  expect(request.body).toMatchObject({
    country: "DE",
    timezone: "Europe/Berlin",
    customFields: [{ id: "webinar_topics", key: "contact.topics", field_value: ["routing", "follow-up"] }],
  });
});
