// A determined client against the public forms: forged addresses and a flood neither close the form to people
// nor reach LeadConnector. Posts go straight to the server action (a browser per post would take minutes).
import { DELIVERY_TIMEOUT, expect, fake, test, waitForHydratedForm } from "./fixtures";
import { postLead, signedToken } from "./post-action";
import { appUrl, directUrl, LIMIT_PER_IP } from "./ports";

const ACCEPTED = "Thank you";
const LIMITED = "You have sent this form several times in a short while";

test("40 posts from one address with 40 different X-Forwarded-For values are limited at the configured count", async ({ outbox }) => {
  // The direct web process trusts no proxy (TRUSTED_PROXY_HOPS=0): the TCP peer is the address, whatever the header says.
  await expect.poll(async () => (await fetch(`${directUrl}/api/health`).catch(() => null))?.status, { timeout: 60_000 }).toBe(200);
  const runId = Date.now().toString(36);
  const answers: string[] = [];
  for (let i = 0; i < 40; i++) {
    const { text } = await postLead(
      directUrl,
      "/",
      {
        formId: "contact",
        _token: signedToken("contact"),
        firstName: "Ada",
        lastName: "Spoofer",
        email: `spoof-${runId}-${i}@example.com`,
        marketingConsent: "on",
      },
      { "x-forwarded-for": `203.0.113.${i + 1}` },
    );
    answers.push(text.includes(LIMITED) ? "limited" : text.includes(ACCEPTED) ? "accepted" : "other");
  }
  expect(answers).toEqual([...Array(LIMIT_PER_IP).fill("accepted"), ...Array(40 - LIMIT_PER_IP).fill("limited")]);
  expect(await outbox.countMentioning(`spoof-${runId}-`)).toBe(LIMIT_PER_IP);
});

test("after 1,100 posts to one form from 1,100 addresses, a person's browser still gets Thank you and the lead is delivered", async ({
  page,
  outbox,
  pool,
}) => {
  test.setTimeout(180_000);
  const runId = Date.now().toString(36);
  try {
    // Bots that fill the hidden field: each is Held (never sent), and each counts toward the form's flood threshold.
    let next = 0;
    const answers: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < 1100) {
          const i = next++;
          const fields = { formId: "webinar", _token: signedToken("webinar"), fax_number: "x", firstName: "Bot", email: `flood-${runId}-${i}@example.com` };
          const { text } = await postLead(appUrl, "/webinar", fields, { "x-forwarded-for": `10.${200 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}` });
          answers.push(text.includes(ACCEPTED) ? "thanked" : "other");
        }
      }),
    );
    expect(answers.filter((a) => a === "thanked")).toHaveLength(1100);
    expect(await outbox.countMentioning(`flood-${runId}-`)).toBe(1100);

    // A browser without our script (no proof of work possible) is thanked, and its lead is Held for a person.
    const noScript = { formId: "webinar", _token: signedToken("webinar"), firstName: "Grace", email: `flood-${runId}-noscript@example.com` };
    expect((await postLead(appUrl, "/webinar", noScript, { "x-forwarded-for": "192.0.2.77" })).text).toContain(ACCEPTED);
    expect(await outbox.statusOf(noScript.email)).toBe("HELD");

    // A person's browser is asked for a proof of work, solves it without a click, and the lead goes through.
    const email = `flood-${runId}-person@example.com`;
    await page.goto("/webinar");
    await waitForHydratedForm(page);
    await page.getByLabel(/^First name/).fill("Ada");
    await page.getByLabel(/^Email/).fill(email);
    await page.getByRole("button", { name: "Save my seat" }).click();
    await expect(page.getByText("Your seat is saved")).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => outbox.statusOf(email), { timeout: DELIVERY_TIMEOUT }).toBe("DELIVERED");
    expect(await fake.contactRequestsFor(email)).toHaveLength(1);
    // None of the flood reached LeadConnector.
    expect(
      (await fake.requests()).filter((r) => JSON.stringify(r.body ?? "").includes(`flood-${runId}-`) && !JSON.stringify(r.body).includes(email)),
    ).toHaveLength(0);
  } finally {
    // The flood's counts would otherwise keep asking later tests' browsers for proof for ten minutes.
    await pool.query(`DELETE FROM "FormPost" WHERE "formId" = 'webinar'`);
    await pool.query(`DELETE FROM "Submission" WHERE "formId" = 'webinar' AND status = 'HELD'`);
  }
});
