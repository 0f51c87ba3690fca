// Shared test setup: the fake LeadConnector's control API, direct database reads, and the steps
// several specs share (filling the contact form, signing in). Every test starts with a reset fake.
import { expect, test as base, type Frame, type FrameLocator, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import pg from "pg";
import type { FakeAnswer, FakeCustomField, ReceivedRequest, Route } from "../../support/fake-leadconnector/server";
import { ADMIN, fakeUrl, serverInfoFile, type ServerInfo } from "./ports";

export { expect };

/** Delivery happens after the response and the dashboard refreshes every 3 s: allow a few cycles. */
export const DELIVERY_TIMEOUT = 15_000;

export type Lead = { firstName: string; lastName: string; email: string; phone: string; company: string };

/** A lead no other test (or earlier run against the same server) shares; the email is lowercase as stored. */
export function newLead(label: string): Lead {
  const token = `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  return { firstName: "Ada", lastName: `Tester ${token}`, email: `e2e-${token}@example.com`, phone: "201 555 0123", company: "Relay Testing Ltd" };
}
/** `newLead().phone` as the server normalises it (E.164). */
export const NORMALISED_PHONE = "+12015550123";

export type ContactRequest = ReceivedRequest & { body: Record<string, unknown> };

/** The fake LeadConnector that serve.ts started, driven over its `/__fake/*` paths. */
export const fake = {
  async reset() {
    await control("POST", "/__fake/reset");
  },
  /** Answer every create-contact call with this until set back to null. */
  async setStanding(answer: FakeAnswer | null) {
    await control("POST", "/__fake/standing", answer);
  },
  /** The location's "Allow Duplicate Contact" setting, until the next reset. */
  async allowDuplicates(allow: boolean) {
    await control("POST", "/__fake/settings", { allowDuplicates: allow });
  },
  /** The custom fields the fake lists for a location (`GET /locations/{id}/customFields`), until the next reset. */
  async setCustomFields(locationId: string, customFields: FakeCustomField[]) {
    await control("POST", "/__fake/settings", { customFields: { [locationId]: customFields } });
  },
  /** Answers for the next calls of one route (`delete`, `customFields`, `lookup`…), in order, until the next reset. */
  async scriptFor(route: Route, ...answers: FakeAnswer[]) {
    await control("POST", `/__fake/script?route=${route}`, answers);
  },
  async requests(): Promise<ReceivedRequest[]> {
    return (await control("GET", "/__fake/requests")) as ReceivedRequest[];
  },
  /** `POST /contacts/` calls whose body carries this email. */
  async contactRequestsFor(email: string): Promise<ContactRequest[]> {
    return (await fake.requests()).filter(
      (r): r is ContactRequest => r.method === "POST" && r.path === "/contacts/" && (r.body as { email?: unknown } | undefined)?.email === email,
    );
  },
};

async function control(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${fakeUrl}${path}`, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`fake LeadConnector ${method} ${path}: HTTP ${response.status}`);
  return response.status === 204 ? null : response.json();
}

export type SubmissionRow = { id: string; status: string; lastError: string | null; attemptCount: number };

/** Reads the app's database directly (the URL comes from serve.ts), to check what was, or was not, stored. */
export class Outbox {
  constructor(private readonly pool: pg.Pool) {}

  /** Submissions whose stored fields have this email. */
  async byEmail(email: string): Promise<SubmissionRow[]> {
    const { rows } = await this.pool.query<SubmissionRow>(
      `SELECT id, status, "lastError", "attemptCount" FROM "Submission" WHERE fields->>'email' = $1 ORDER BY "createdAt"`,
      [email],
    );
    return rows;
  }

  /** How many submissions mention this text anywhere in their fields (catches a row stored under any spelling of the input). */
  async countMentioning(text: string): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>(`SELECT count(*) FROM "Submission" WHERE fields::text LIKE '%' || $1 || '%'`, [text]);
    return Number(rows[0].count);
  }

  /** The one submission with this email's status, or a description of why there is not exactly one. */
  async statusOf(email: string): Promise<string> {
    const rows = await this.byEmail(email);
    return rows.length === 1 ? rows[0].status : `${rows.length} rows`;
  }

  /** The partner and attribution stored with the one submission that has this email. */
  async attributionOf(email: string): Promise<{ partnerId: string | null; attribution: unknown }> {
    const { rows } = await this.pool.query(`SELECT "partnerId", attribution FROM "Submission" WHERE fields->>'email' = $1`, [email]);
    return rows[0];
  }

  /** Any read-only query, for figures a test compares against. */
  async query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) {
    return this.pool.query<T>(sql, values);
  }

  /** Marks a location's LeadConnector day as spent until an hour from now, as the last answer of the day would. */
  async spendDailyBudget(locationId: string, dailyLimit = 1000) {
    await this.pool.query(
      `INSERT INTO "RateBudget" ("locationId", max, "intervalMs", "nextSlotAt", "updatedAt", "dailyLimit", "dailyRemaining", "dailyResetAt")
       VALUES ($1, 100, 10000, now(), now(), $2, 0, now() + interval '1 hour')
       ON CONFLICT ("locationId") DO UPDATE SET "dailyLimit" = $2, "dailyRemaining" = 0, "dailyResetAt" = now() + interval '1 hour'`,
      [locationId, dailyLimit],
    );
  }

  /** Moves a spent day's reset into the past, standing in for the wait until LeadConnector's day turns over. */
  async endDay(locationId: string) {
    await this.pool.query(`UPDATE "RateBudget" SET "dailyResetAt" = now() - interval '1 second' WHERE "locationId" = $1`, [locationId]);
  }

  /** Lets a paused location's next probe go now, standing in for the minute between probes. */
  async allowProbeNow() {
    await this.pool.query(`UPDATE "Location" SET "lastProbeAt" = now() - interval '2 minutes' WHERE "pausedAt" IS NOT NULL`);
  }
}

export const test = base.extend<{ resetFake: void; outbox: Outbox }, { pool: pg.Pool }>({
  // Every test is its own visitor address (the stack trusts one proxy hop: the right-most X-Forwarded-For entry), so
  // per-address limits count one test's posts only.
  extraHTTPHeaders: async ({}, use, testInfo) => {
    const n = [...testInfo.testId].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) >>> 0, 7);
    await use({ "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` });
  },
  pool: [
    async ({}, use) => {
      const info = JSON.parse(readFileSync(serverInfoFile, "utf8")) as ServerInfo;
      const pool = new pg.Pool({ connectionString: info.databaseUrl, max: 2 });
      await use(pool);
      await pool.end();
    },
    { scope: "worker" },
  ],
  outbox: async ({ pool }, use) => {
    await use(new Outbox(pool));
  },
  // Scripted or standing answers from one test must never leak into the next.
  resetFake: [
    async ({}, use) => {
      await fake.reset();
      await use();
    },
    { auto: true },
  ],
});

type Scope = Page | FrameLocator;

/** The contact form's inputs, found the way a visitor finds them: by their labels. */
export function contactForm(scope: Scope) {
  return {
    firstName: scope.getByLabel(/^First name/),
    lastName: scope.getByLabel(/^Last name/),
    email: scope.getByLabel(/^Email/),
    phone: scope.getByLabel(/^Phone/),
    company: scope.getByLabel(/^Company/),
    consent: scope.getByRole("checkbox", { name: /send me marketing news and offers/ }),
    smsConsent: scope.getByRole("checkbox", { name: /text messages \(SMS\)/ }),
    privacyNotice: scope.getByRole("link", { name: /privacy notice/i }),
    submit: scope.getByRole("button", { name: "Send" }),
    thankYou: scope.getByText(/Thank you/),
  };
}

export async function fillContactForm(scope: Scope, lead: Lead) {
  const form = contactForm(scope);
  await form.firstName.fill(lead.firstName);
  await form.lastName.fill(lead.lastName);
  await form.email.fill(lead.email);
  await form.phone.fill(lead.phone);
  await form.company.fill(lead.company);
  await form.consent.check();
}

/**
 * Waits until React has hydrated the form, so a click is handled by the JavaScript path
 * (browser validation, fetch to the server action) and not by the plain HTML post it would
 * fall back to before hydration. The form marks itself with data-hydrated once it has.
 */
export async function waitForHydratedForm(frame: Page | Frame) {
  await frame.locator("form[data-hydrated]").waitFor();
}

/** Signs in through the login form (as the admin serve.ts created, unless told); ends on the dashboard. */
export async function signIn(page: Page, user: { email: string; password: string } = ADMIN) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Submits a valid lead from the home page with JavaScript on and waits for the thank-you. */
export async function submitLead(page: Page, lead: Lead) {
  await page.goto("/");
  await waitForHydratedForm(page);
  await fillContactForm(page, lead);
  await contactForm(page).submit.click();
  await expect(contactForm(page).thankYou).toBeVisible();
}
