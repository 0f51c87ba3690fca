// What every response tells the browser: a per-request script nonce, no framing but for partners, no cookies on
// public pages, and no body larger than a lead form needs.
import { expect, test } from "./fixtures";

test("every page carries a nonce-based CSP whose nonce changes per request, and the page's own scripts run under it", async ({ page, request }) => {
  const policies = await Promise.all([request.get("/"), request.get("/")].map(async (r) => (await r).headers()["content-security-policy"]));
  for (const policy of policies) {
    expect(policy).toMatch(
      /^script-src 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'$/,
    );
  }
  expect(policies[0]).not.toBe(policies[1]);
  const login = await request.get("/login");
  expect(login.headers()["content-security-policy"]).toContain("'strict-dynamic'");
  expect(login.headers()["permissions-policy"]).toContain("camera=()");
  expect(login.headers()["x-frame-options"]).toBe("DENY");

  // Hydration needs Next's scripts: a page that hydrates proves the nonce reached them.
  const violations: string[] = [];
  page.on("console", (message) => message.text().includes("Content Security Policy") && violations.push(message.text()));
  await page.goto("/quote");
  await expect(page.locator("form[data-hydrated]")).toHaveCount(1);
  expect(violations).toEqual([]);
});

test("HSTS is sent when the site is reached over https (as a TLS-terminating proxy says), not over plain http", async ({ request }) => {
  expect((await request.get("/")).headers()["strict-transport-security"]).toBeUndefined();
  const secure = await request.get("/", { headers: { "x-forwarded-proto": "https" } });
  expect(secure.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
});

test("public pages set no cookies at all", async ({ request }) => {
  for (const path of ["/", "/quote", "/webinar", "/embed/contact", "/login", "/api/health"]) {
    const response = await request.get(path);
    expect(
      response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie"),
      path,
    ).toEqual([]);
  }
});

test("a request body over 64 KB is refused with 413 before any route reads it", async ({ request }) => {
  const big = "x".repeat(70 * 1024);
  for (const path of ["/", "/api/outbox/dispatch", "/api/auth/callback/credentials"]) {
    const response = await request.post(path, { data: big, headers: { "content-type": "text/plain" } });
    expect(response.status(), path).toBe(413);
    expect(await response.text()).toBe("A request body may be at most 64 KB.\n");
  }
});

test("the benchmark's baseline page does not exist outside the benchmark", async ({ request }) => {
  expect((await request.get("/bench/no-op")).status()).toBe(404);
});
