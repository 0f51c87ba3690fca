// The public contact form in a browser with JavaScript disabled: the same server action handles a
// plain HTML form post (progressive enhancement). Runs in the `chromium-no-js` project.
import type { Page } from "@playwright/test";
import { contactForm, DELIVERY_TIMEOUT, expect, fake, fillContactForm, newLead, test } from "./fixtures";
import { signedToken } from "./post-action";

test("without JavaScript the form still submits and thanks the visitor", async ({ page, outbox }) => {
  const lead = newLead("nojs-ok");
  await page.goto("/");
  await fillContactForm(page, lead);

  const post = page.waitForRequest((request) => request.method() === "POST");
  await contactForm(page).submit.click();
  // A real no-JS submission: the browser posts the form as a document navigation.
  expect((await post).resourceType()).toBe("document");
  await expect(contactForm(page).thankYou).toBeVisible();

  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT }).toBe("DELIVERED");
  const calls = await fake.contactRequestsFor(lead.email);
  expect(calls).toHaveLength(1);
  // Only a script can read the browser's time zone: without one, none is sent.
  expect(calls[0].body).not.toHaveProperty("timezone");
});

test("without JavaScript an invalid email comes back from the server next to the field, and nothing is stored", async ({ page, outbox }) => {
  const lead = newLead("nojs-bad");
  const typed = `not-an-email-${lead.lastName.split(" ")[1]}`;
  await page.goto("/");
  await fillContactForm(page, { ...lead, email: typed });

  const response = page.waitForResponse((r) => r.request().method() === "POST" && r.request().resourceType() === "document");
  await contactForm(page).submit.click();
  expect((await response).status()).toBe(200);

  const form = contactForm(page);
  await expect(form.email).toHaveAttribute("aria-invalid", "true");
  await expect(form.email).toHaveAccessibleDescription("Enter a valid email address, like name@example.com");
  await expect(page.locator("#field-email + #field-email-error")).toHaveText("Enter a valid email address, like name@example.com");
  // What the visitor typed comes back, so only the email needs fixing.
  await expect(form.email).toHaveValue(typed);
  await expect(form.lastName).toHaveValue(lead.lastName);
  await expect(form.thankYou).toHaveCount(0);

  expect(await outbox.countMentioning(typed)).toBe(0);
  expect(await outbox.countMentioning(lead.lastName)).toBe(0);
});

test("without JavaScript, posting the same form again (back button, submit again) keeps one submission", async ({ page, outbox }) => {
  const lead = newLead("nojs-repeat");
  for (let i = 0; i < 2; i++) {
    await page.goto("/");
    await fillContactForm(page, lead);
    await contactForm(page).submit.click();
    await expect(contactForm(page).thankYou).toBeVisible();
  }
  expect(await outbox.countMentioning(lead.lastName)).toBe(1);
  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT }).toBe("DELIVERED");
  expect(await fake.contactRequestsFor(lead.email)).toHaveLength(1);
});

test("without JavaScript, a form whose token expired or was spent keeps every value, says why, and the next send goes through", async ({ page, outbox }) => {
  for (const [label, token, message] of [
    ["expired", signedToken("contact", 25 * 60 * 60 * 1000), "This page was open for a long time. Please check your details and send the form again."],
    ["spent", await spentToken(page), "This form was already sent from this page. Please check your details and send it again."],
  ] as const) {
    const lead = newLead(`nojs-${label}`);
    // The page as it was rendered long ago, or as a back button shows it after a send: with that token.
    await page.route("**/", async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(/name="_token" value="[^"]*"/, `name="_token" value="${token}"`);
      await route.fulfill({ response, body: html });
    });
    await page.goto("/");
    await page.unrouteAll();
    await fillContactForm(page, lead);
    await contactForm(page).submit.click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(message);
    await expect(contactForm(page).email).toHaveValue(lead.email);
    await expect(contactForm(page).company).toHaveValue(lead.company);
    expect(await outbox.countMentioning(lead.email)).toBe(0);

    await contactForm(page).submit.click();
    await expect(contactForm(page).thankYou).toBeVisible();
    expect(await outbox.countMentioning(lead.email)).toBe(1);
  }
});

/** Sends a lead from a fresh page and returns the token it carried, now spent. */
async function spentToken(page: Page) {
  await page.goto("/");
  const token = await page.locator("input[name=_token]").getAttribute("value");
  await fillContactForm(page, newLead("nojs-spender"));
  await contactForm(page).submit.click();
  await expect(contactForm(page).thankYou).toBeVisible();
  return token!;
}

test("without JavaScript the referrer is still stored: the page load's Referer, carried in the signed form token", async ({ page, outbox }) => {
  const lead = newLead("nojs-referrer");
  await page.goto("/?utm_source=Newsletter", { referer: "https://search.example/results?q=lead+forms" });
  await fillContactForm(page, lead);
  await contactForm(page).submit.click();
  await expect(contactForm(page).thankYou).toBeVisible();
  expect(await outbox.attributionOf(lead.email)).toMatchObject({
    attribution: { referrer: "https://search.example/results?q=lead+forms", utm: { utm_source: "Newsletter" } },
  });
});
