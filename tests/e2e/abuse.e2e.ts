// What a bot meets, and what a person mistaken for one meets: the same thank-you, and a Held row a person judges.
import { contactForm, DELIVERY_TIMEOUT, expect, fake, fillContactForm, newLead, signIn, test, waitForHydratedForm } from "./fixtures";
import { PARTNER_ID, PARTNER_TAG } from "./ports";

test("a post that fills the hidden field (a bot, or a browser's autofill) is thanked and Held, not sent, until a person releases it", async ({
  page,
  outbox,
}) => {
  const lead = newLead("held");
  await page.goto("/");
  await waitForHydratedForm(page);
  await fillContactForm(page, lead);
  await page.locator("input[name=fax_number]").fill("+1 555 0100", { force: true });
  await contactForm(page).submit.click();
  await expect(contactForm(page).thankYou).toBeVisible();
  await expect.poll(() => outbox.statusOf(lead.email)).toBe("HELD");
  expect(await fake.contactRequestsFor(lead.email)).toHaveLength(0);

  await signIn(page);
  await expect(page.getByRole("status").filter({ hasText: /held/ })).toContainText("as possible spam");
  await page.getByRole("link", { name: "Review held submissions" }).click();
  await expect(page.getByRole("link", { name: /^Held \(\d+\)$/ })).toHaveAttribute("aria-current", "page");
  const row = page.getByTestId("outbox-row").filter({ hasText: lead.email });
  await expect(row).toContainText("Hidden field filled");
  await row.getByRole("checkbox", { name: `Select ${lead.email}` }).check();
  page.once("dialog", (dialog) => dialog.accept()); // "Release 1 selected submissions?"
  await page.getByRole("button", { name: "Release selected" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Released" })).toHaveText("Released 1 submission: they are delivered as usual.");
  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT }).toBe("DELIVERED");
  expect(await fake.contactRequestsFor(lead.email)).toHaveLength(1);
});

test("a marketer discards a held submission with a reason: kept for the record, never sent", async ({ page, outbox }) => {
  const lead = newLead("discard");
  await page.goto("/");
  await waitForHydratedForm(page);
  await fillContactForm(page, lead);
  await page.locator("input[name=fax_number]").fill("x", { force: true });
  await contactForm(page).submit.click();
  await expect(contactForm(page).thankYou).toBeVisible();

  await signIn(page);
  await page.goto("/dashboard?status=HELD");
  await page.getByTestId("outbox-row").filter({ hasText: lead.email }).getByRole("checkbox").check();
  await page.getByLabel("Reason for discarding").fill("Test lead, not a person");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Discard selected" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Discarded" })).toHaveText("Discarded 1 submission: kept for the record, never delivered.");
  expect(await outbox.statusOf(lead.email)).toBe("DISCARDED");
  expect(await fake.contactRequestsFor(lead.email)).toHaveLength(0);
});

test("a post without the form's token (not from a page this site rendered) is thanked and dropped", async ({ page, outbox }) => {
  const lead = newLead("blind");
  await page.goto("/");
  await waitForHydratedForm(page);
  await fillContactForm(page, lead);
  await page.locator("input[name=_token]").evaluate((input: HTMLInputElement) => (input.value = ""));
  await contactForm(page).submit.click();
  await expect(contactForm(page).thankYou).toBeVisible();
  expect(await outbox.countMentioning(lead.email)).toBe(0);
});

test("a token reused with other values stores nothing; the visitor keeps what they typed and sends again with a fresh token", async ({ page, outbox }) => {
  const first = newLead("token-1");
  await page.goto("/");
  await waitForHydratedForm(page);
  const spent = await page.locator("input[name=_token]").inputValue();
  await fillContactForm(page, first);
  await contactForm(page).submit.click();
  await expect(contactForm(page).thankYou).toBeVisible();

  const second = newLead("token-2");
  await page.goto("/");
  await waitForHydratedForm(page);
  await page.locator("input[name=_token]").evaluate((input: HTMLInputElement, token) => (input.value = token), spent);
  await fillContactForm(page, second);
  await contactForm(page).submit.click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("This form was already sent from this page. Please check your details and send it again.");
  await expect(contactForm(page).email).toHaveValue(second.email);
  expect(await outbox.countMentioning(second.email)).toBe(0);
  expect(await page.locator("input[name=_token]").inputValue()).not.toBe(spent);

  await contactForm(page).submit.click();
  await expect(contactForm(page).thankYou).toBeVisible();
  expect(await outbox.countMentioning(second.email)).toBe(1);
  expect(await outbox.countMentioning(first.email)).toBe(1);
});

test("a landing-page post claiming a partner carries no partner: only an embed's signed token names one", async ({ page, outbox }) => {
  const lead = newLead("forged-partner");
  await page.goto("/");
  await waitForHydratedForm(page);
  await fillContactForm(page, lead);
  await page.locator("form").evaluate((form, partner) => {
    for (const name of ["_partner", "partner", "partnerId"]) {
      const input = Object.assign(document.createElement("input"), { type: "hidden", name, value: partner });
      form.appendChild(input);
    }
  }, PARTNER_ID);
  await contactForm(page).submit.click();
  await expect(contactForm(page).thankYou).toBeVisible();
  await expect.poll(() => outbox.statusOf(lead.email), { timeout: DELIVERY_TIMEOUT }).toBe("DELIVERED");
  expect(await outbox.attributionOf(lead.email)).toMatchObject({ partnerId: null });
  const [request] = await fake.contactRequestsFor(lead.email);
  expect(request.body.tags).not.toContain(PARTNER_TAG);
});
