// Public pages set no cookie at all: the landing pages, the embeds (alone and through embed.js on a partner's page),
// /embed.js, and the form's answer with and without JavaScript. Every response the browser sees is checked for
// Set-Cookie, and the browser's jar must be empty at the end.
import type { BrowserContext, Page, Response } from "@playwright/test";
import { ALLOWED_PARTNER_HOST, appUrl, partnerUrl } from "./ports";
import { contactForm, expect, fillContactForm, newLead, test, waitForHydratedForm } from "./fixtures";

/** Every Set-Cookie any response in the context carried, with the URL that sent it. */
function recordSetCookies(context: BrowserContext) {
  const seen: Promise<string | null>[] = [];
  const urls: string[] = [];
  const documentPosts: string[] = [];
  context.on("response", (response: Response) => {
    urls.push(response.url());
    const request = response.request();
    if (request.method() === "POST" && request.resourceType() === "document") documentPosts.push(response.url());
    seen.push(response.headerValue("set-cookie").then((value) => (value === null ? null : `${response.url()}: ${value}`)));
  });
  return {
    urls,
    /** Form posts the browser made as plain HTML navigations (no JavaScript). */
    documentPosts,
    async setCookies() {
      return (await Promise.all(seen)).filter((v) => v !== null);
    },
  };
}

async function submitContactForm(page: Page) {
  const lead = newLead("no-cookies");
  await fillContactForm(page, lead);
  await contactForm(page).submit.click();
  await expect(contactForm(page).thankYou).toBeVisible();
}

const PUBLIC_PAGES = ["/", "/quote", "/webinar", "/privacy", "/embed/contact", "/embed/contact?partner=acme", "/embed.js"];

test("with JavaScript: loading every public page and posting the form leaves no cookie and no Set-Cookie", async ({ page, context }) => {
  const responses = recordSetCookies(context);
  for (const path of PUBLIC_PAGES) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
  }

  await page.goto("/");
  await waitForHydratedForm(page);
  await submitContactForm(page);

  await page.goto("/embed/contact");
  await waitForHydratedForm(page);
  await submitContactForm(page);

  // The way partners embed: their page, embed.js from us, our form in a frame (a third-party context).
  await page.goto(`${partnerUrl(ALLOWED_PARTNER_HOST)}/partner`);
  const embedded = page.frameLocator("#slot iframe");
  await expect(embedded.locator("form[data-hydrated]")).toHaveCount(1);
  await fillContactForm(embedded, newLead("no-cookies-partner"));
  await contactForm(embedded).submit.click();
  await expect(contactForm(embedded).thankYou).toBeVisible();

  // The checks saw the app's own responses: pages, scripts, the server action.
  expect(responses.urls.filter((url) => url.startsWith(appUrl)).length).toBeGreaterThan(PUBLIC_PAGES.length);
  expect(responses.urls.some((url) => url.startsWith(`${appUrl}/_next/static/`))).toBe(true);
  expect(await responses.setCookies()).toEqual([]);
  expect(await context.cookies()).toEqual([]);
});

test("without JavaScript: the pages and the form's plain HTML post leave no cookie and no Set-Cookie", async ({ browser }, testInfo) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    baseURL: appUrl,
    // The suite's per-test visitor address (fixtures.ts), so the per-address limit counts this test's posts only.
    extraHTTPHeaders: { "x-forwarded-for": `10.77.${testInfo.retry}.${Math.floor(Math.random() * 250) + 1}` },
  });
  try {
    const responses = recordSetCookies(context);
    const page = await context.newPage();
    for (const path of PUBLIC_PAGES) expect((await page.goto(path))?.status(), path).toBe(200);
    for (const path of ["/", "/embed/contact"]) {
      await page.goto(path);
      await submitContactForm(page);
    }
    // The posts really went as plain HTML navigations, answered by a page.
    expect(responses.documentPosts).toEqual([`${appUrl}/`, `${appUrl}/embed/contact`]);
    expect(await responses.setCookies()).toEqual([]);
    expect(await context.cookies()).toEqual([]);
  } finally {
    await context.close();
  }
});
