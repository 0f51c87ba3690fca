// The public contact form with JavaScript on: what a visitor sees, and what reaches LeadConnector.
import { LOCATION_ID } from "./ports";
import { contactForm, DELIVERY_TIMEOUT, expect, fake, fillContactForm, NORMALISED_PHONE, newLead, test, waitForHydratedForm } from "./fixtures";

test("a visitor submits the contact form and the lead reaches LeadConnector exactly once", async ({ page, outbox }) => {
  const lead = newLead("js-ok");
  await page.goto("/");
  await waitForHydratedForm(page);
  await fillContactForm(page, lead);

  const post = page.waitForRequest((request) => request.method() === "POST");
  await contactForm(page).submit.click();
  // With JavaScript the server action is called with fetch; the page is not reloaded.
  expect((await post).resourceType()).toBe("fetch");
  await expect(contactForm(page).thankYou).toBeVisible();

  await expect.poll(async () => (await fake.contactRequestsFor(lead.email)).length, { timeout: DELIVERY_TIMEOUT }).toBe(1);
  const [call] = await fake.contactRequestsFor(lead.email);
  expect(call.body).toMatchObject({
    email: lead.email,
    firstName: lead.firstName,
    lastName: lead.lastName,
    phone: NORMALISED_PHONE,
    companyName: lead.company,
    source: "public api",
    locationId: LOCATION_ID,
  });
  expect(call.body.tags).toEqual(expect.arrayContaining(["website", "contact-form"]));
  expect(call.headers.authorization).toBe("Bearer e2e-token");

  // Once recorded as delivered nothing sends it again: still exactly one call, one stored row.
  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT }).toBe("DELIVERED");
  expect(await fake.contactRequestsFor(lead.email)).toHaveLength(1);
});

test("an invalid email is flagged next to the field before any request, and nothing is stored", async ({ page, outbox }) => {
  const lead = newLead("js-bad");
  const typed = `not-an-email-${lead.lastName.split(" ")[1]}`;
  await page.goto("/");
  await waitForHydratedForm(page);
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() !== "GET") posts.push(`${request.method()} ${request.url()}`);
  });

  await fillContactForm(page, { ...lead, email: typed });
  const form = contactForm(page);
  await form.submit.click();

  await expect(form.email).toHaveAttribute("aria-invalid", "true");
  await expect(form.email).toHaveAccessibleDescription("Enter a valid email address, like name@example.com");
  // The message sits right after the input it describes.
  await expect(page.locator("#field-email + #field-email-error")).toHaveText("Enter a valid email address, like name@example.com");
  await expect(form.firstName).not.toHaveAttribute("aria-invalid", "true");
  await expect(form.thankYou).toHaveCount(0);

  expect(posts).toEqual([]);
  expect(await outbox.countMentioning(typed)).toBe(0);
  expect(await fake.requests()).toEqual([]);
});

test("the same post sent again (a browser retry) finds the first submission instead of making a second", async ({ page, outbox }) => {
  const lead = newLead("js-retry");
  await page.goto("/");
  await waitForHydratedForm(page);
  await expect(page.locator('input[name="idempotencyKey"]')).toHaveValue(/^[0-9a-f-]{32,36}$/);
  await fillContactForm(page, lead);

  const post = page.waitForRequest((request) => request.method() === "POST");
  await contactForm(page).submit.click();
  const sent = await post;
  await expect(contactForm(page).thankYou).toBeVisible();

  const replay = await page.request.fetch(sent.url(), { method: "POST", headers: sent.headers(), data: sent.postDataBuffer() ?? undefined });
  expect(replay.status()).toBe(200);
  expect(await replay.text()).toContain('"accepted"');
  expect(await outbox.countMentioning(lead.lastName)).toBe(1);
  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT }).toBe("DELIVERED");
  expect(await fake.contactRequestsFor(lead.email)).toHaveLength(1);
});

test.describe("in a browser set to Tokyo's time", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("a form that does not ask for a time zone sends the browser's as the contact's", async ({ page }) => {
    const lead = newLead("js-timezone");
    await page.goto("/");
    await waitForHydratedForm(page);
    await fillContactForm(page, lead);
    await contactForm(page).submit.click();
    await expect(contactForm(page).thankYou).toBeVisible();
    await expect.poll(async () => (await fake.contactRequestsFor(lead.email)).length, { timeout: DELIVERY_TIMEOUT }).toBe(1);
    const [call] = await fake.contactRequestsFor(lead.email);
    expect(call.body.timezone).toBe("Asia/Tokyo");
  });
});
