// Sign-in holds: throttling, sessions that end, and every dashboard page and action refusing a session it
// should not trust. Users are made per test straight in the database, so no test holds or delays another's.
import type { Browser, BrowserContext, Cookie, Page } from "@playwright/test";
import type pg from "pg";
import { hashPassword } from "../../lib/users/password";
import { ADMIN, appUrl } from "./ports";
import { expect, newLead, signIn, test } from "./fixtures";

type Role = "ADMIN" | "MARKETER";
type Person = { email: string; password: string };

async function createUser(pool: pg.Pool, role: Role, label: string): Promise<Person> {
  const person = { email: `${newLead(label).email}`, password: `pw-${label}-0123456789` };
  await pool.query(`INSERT INTO "User" (id, email, "passwordHash", role) VALUES (gen_random_uuid(), $1, $2, $3::"Role")`, [
    person.email,
    await hashPassword(person.password),
    role,
  ]);
  return person;
}

const deactivate = (pool: pg.Pool, email: string) => pool.query(`UPDATE "User" SET "deactivatedAt" = now() WHERE email = $1`, [email]);

async function fillLogin(page: Page, { email, password }: Person) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signInAs(page: Page, person: Person) {
  await page.goto("/login");
  await fillLogin(page, person);
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** A signed-in session's cookies, from a browser context of its own (its own address too). */
async function sessionCookies(browser: Browser, person: Person, address: string): Promise<Cookie[]> {
  const context = await browser.newContext({ baseURL: appUrl, extraHTTPHeaders: { "x-forwarded-for": address } });
  try {
    await signInAs(await context.newPage(), person);
    return await context.cookies();
  } finally {
    await context.close();
  }
}

async function useCookies(context: BrowserContext, cookies: Cookie[]) {
  await context.clearCookies();
  await context.addCookies(cookies);
}

test.describe("sign-in throttling", () => {
  test("10 wrong passwords, then the right one is refused with when to try again; another address still signs in", async ({ page, pool, browser }) => {
    test.setTimeout(120_000); // eleven argon2 sign-ins and a second browser context, on a shared 2-core machine
    const owner = await createUser(pool, "MARKETER", "held");
    await page.goto("/login");
    for (let i = 1; i <= 10; i++) {
      // The message repeats unchanged, so wait for each attempt's answer itself, and for React to finish the
      // action (it then resets the form), before filling the next.
      const answered = page.waitForResponse((r) => r.request().method() === "POST");
      await fillLogin(page, { email: owner.email, password: `wrong-${i}` });
      await answered;
      await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
      await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
    }
    await fillLogin(page, owner);
    await expect(page.locator("form").getByRole("alert")).toHaveText(/^Too many attempts\. Try again after \d\d:\d\d UTC \(in 1[45] minutes\)\.$/);
    await expect(page).toHaveURL(/\/login$/);

    // The real owner elsewhere is never locked out.
    expect((await sessionCookies(browser, owner, "192.0.2.77")).some((c) => c.name.includes("session-token"))).toBe(true);
  });
});

test.describe("sessions end", () => {
  test("after sign-out, the cookie from before (saved and replayed) no longer opens the dashboard", async ({ page, context, pool }) => {
    const person = await createUser(pool, "ADMIN", "signout");
    await signInAs(page, person);
    const before = await context.cookies();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);

    await useCookies(context, before);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Outbox" })).toHaveCount(0);
  });

  test("a deactivated user's cookie stops working at once", async ({ page, pool }) => {
    const person = await createUser(pool, "ADMIN", "deactivated");
    await signInAs(page, person);
    await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
    await deactivate(pool, person.email);
    await page.reload();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Outbox" })).toHaveCount(0);
  });
});

/** A Failed submission, stored directly, so Retry has something to act on. */
async function failedSubmission(pool: pg.Pool, email: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO "Submission" (id, "formId", "locationId", fields, status, "attemptCount", "consecutiveFailures", "lastError", "updatedAt")
     VALUES (gen_random_uuid(), 'contact', 'e2e-location', $1, 'FAILED', 1, 1, 'HTTP 422: seeded', now()) RETURNING id`,
    [JSON.stringify({ firstName: "Ada", lastName: "Seeded", email })],
  );
  return rows[0].id;
}

const submissionState = async (pool: pg.Pool, id: string) =>
  (await pool.query(`SELECT status, "attemptCount", "consecutiveFailures", "nextAttemptAt" FROM "Submission" WHERE id = $1`, [id])).rows[0];

type Visitor = { label: string; cookies: (browser: Browser, pool: pg.Pool) => Promise<Cookie[]> };

/** The sessions that must be refused: none at all, and a deactivated admin's. */
const refusedEverywhere: Visitor[] = [
  { label: "no session", cookies: async () => [] },
  {
    label: "a deactivated admin",
    cookies: async (browser, pool) => {
      const person = await createUser(pool, "ADMIN", "gone");
      const cookies = await sessionCookies(browser, person, "192.0.2.10");
      await deactivate(pool, person.email);
      return cookies;
    },
  },
];

const marketer: Visitor = {
  label: "a marketer",
  cookies: async (browser, pool) => sessionCookies(browser, await createUser(pool, "MARKETER", "marketer"), "192.0.2.11"),
};

test.describe("every dashboard page and action refuses", () => {
  for (const visitor of refusedEverywhere) {
    test(`${visitor.label}: /dashboard, a submission and /dashboard/locations show nothing`, async ({ page, context, pool, browser }) => {
      const lead = newLead("hidden");
      const id = await failedSubmission(pool, lead.email);
      await useCookies(context, await visitor.cookies(browser, pool));
      for (const path of ["/dashboard", `/dashboard/submissions/${id}`, "/dashboard/locations"]) {
        const response = await page.goto(path);
        await expect(page).toHaveURL(/\/login/);
        expect(await response!.text()).not.toContain(lead.email);
        await expect(page.getByText(lead.email)).toHaveCount(0);
        await expect(page.getByText(ADMIN.email)).toHaveCount(0);
      }
    });

    test(`${visitor.label}: Retry changes nothing`, async ({ page, context, pool, browser }) => {
      const refused = await visitor.cookies(browser, pool);
      const id = await failedSubmission(pool, newLead("retry-refused").email);
      const stored = await submissionState(pool, id);
      await signIn(page);
      const admin = await context.cookies();
      // The submission's own page (the outbox refreshes itself): once the network is quiet, no response
      // still in flight can set the admin's renewed cookie after the swap below.
      await page.goto(`/dashboard/submissions/${id}`, { waitUntil: "networkidle" });
      const retry = page.getByRole("button", { name: "Retry" });

      await useCookies(context, refused);
      const answered = page.waitForResponse((r) => r.request().method() === "POST");
      await retry.click();
      await answered; // refused by the request gate (no session) or by the action's own check (a stale one)
      expect(await submissionState(pool, id)).toEqual(stored);

      // The same click with the admin's session does act, so the refusal above came from the session.
      // On a page of its own, so the refused page's own late navigation cannot interfere.
      await useCookies(context, admin);
      const control = await context.newPage();
      await control.goto(`/dashboard/submissions/${id}`);
      await control.getByRole("button", { name: "Retry" }).click();
      await expect.poll(async () => (await submissionState(pool, id)).status).not.toBe("FAILED");
    });
  }

  for (const visitor of [...refusedEverywhere, marketer]) {
    test(`${visitor.label}: saving a location (admins only) stores nothing`, async ({ page, context, pool, browser }) => {
      const refused = await visitor.cookies(browser, pool);
      const locationId = `e2e-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      const count = async () => Number((await pool.query(`SELECT count(*) FROM "Location" WHERE id = $1`, [locationId])).rows[0].count);
      await signIn(page);
      const admin = await context.cookies();
      await page.goto("/dashboard/locations", { waitUntil: "networkidle" });
      await page.getByLabel("Name").fill("Refused branch");
      await page.getByLabel("Location id").fill(locationId);
      await page.getByLabel("Private Integration Token").fill("pit-refused-0123456789abcdef");

      await useCookies(context, refused);
      const answered = page.waitForResponse((r) => r.request().method() === "POST");
      await page.getByRole("button", { name: "Save location" }).click();
      await answered;
      expect(await count()).toBe(0);

      await useCookies(context, admin);
      const control = await context.newPage();
      await control.goto("/dashboard/locations");
      await control.getByLabel("Name").fill("Allowed branch");
      await control.getByLabel("Location id").fill(locationId);
      await control.getByLabel("Private Integration Token").fill("pit-allowed-0123456789abcdef");
      await control.getByRole("button", { name: "Save location" }).click();
      await expect(control.getByRole("status")).toContainText("Saved Allowed branch");
      expect(await count()).toBe(1);
    });
  }

  test("a marketer gets the admin-only form only once promoted in the database: the role is not taken from the cookie", async ({
    page,
    context,
    pool,
    browser,
  }) => {
    const person = await createUser(pool, "MARKETER", "promoted");
    await useCookies(context, await sessionCookies(browser, person, "192.0.2.12"));
    await page.goto("/dashboard/locations");
    await expect(page.getByRole("button", { name: "Save location" })).toHaveCount(0);
    // Promoted in the database: the same cookie now carries admin rights, since the role is not in the cookie.
    await pool.query(`UPDATE "User" SET role = 'ADMIN' WHERE email = $1`, [person.email]);
    await page.reload();
    await expect(page.getByRole("button", { name: "Save location" })).toBeVisible();
  });
});

test("changing the password ends every session, this one and a copied cookie too; the new password signs in", async ({ page, context, pool, browser }) => {
  const person = await createUser(pool, "MARKETER", "new-password");
  const elsewhere = await sessionCookies(browser, person, "192.0.2.13");
  await signInAs(page, person);
  await page.getByRole("link", { name: "Account" }).click();
  await page.getByLabel("Current password").fill(person.password);
  await page.getByLabel("New password", { exact: true }).fill("a brand new password 789");
  await page.getByLabel("New password again").fill("a brand new password 789");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/login\?password=changed$/);
  await expect(page.getByRole("status")).toContainText("Your password was changed");

  await useCookies(context, elsewhere);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);

  await signInAs(page, { email: person.email, password: "a brand new password 789" });
});

test("ten wrong current passwords hold the password change, even with the right one, and say when to try again", async ({ page, pool }) => {
  const person = await createUser(pool, "MARKETER", "guessed-password");
  await signInAs(page, person);
  await page.goto("/dashboard/account");
  const change = async (current: string) => {
    await page.getByLabel("Current password").fill(current);
    await page.getByLabel("New password", { exact: true }).fill("a brand new password 456");
    await page.getByLabel("New password again").fill("a brand new password 456");
    await page.getByRole("button", { name: "Change password" }).click();
  };
  for (let i = 0; i < 10; i++) {
    await change(`a wrong guess ${i}`);
    await expect(page.getByText("That is not your current password")).toBeVisible();
    // The next guess starts from an answered form, so each one is counted.
    await page.reload();
  }

  await change(person.password);
  await expect(page.getByText(/^Too many attempts\. Try again after \d\d:\d\d UTC \(in 15 minutes\)\.$/)).toBeVisible();
  await expect(page).toHaveURL(/\/dashboard\/account$/);
  const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "User" WHERE email = $1 AND "sessionVersion" = 0`, [person.email]);
  expect(rows[0].n).toBe(1); // nothing changed: the password change would have ended the session
});
