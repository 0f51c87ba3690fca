import { readEnv } from "@/lib/config/env";
import type { Database } from "@/lib/db/client";
import { createLocationDirectory } from "@/lib/locations/directory";
import { createDispatcher } from "@/lib/outbox/dispatcher";
import type { RateBudget } from "@/lib/outbox/rate-budget";
import { acceptSubmission } from "@/lib/submission/accept";
import type { FakeLeadConnector } from "../../support/fake-leadconnector/server";
import { contactForm, fixtureForms } from "../../support/forms";

export const LOCATION_ID = "loc_test_123";
export const TEST_KEY = Buffer.alloc(32, 7).toString("base64");

type Options = {
  timeoutMs?: number;
  maxAttempts?: number;
  workerId?: string;
  token?: string;
  probeEveryMs?: number;
  leaseMs?: number;
  rateBudget?: RateBudget;
};

/** The configuration a deployment delivering to the fake would have. */
export function envFor(fake: FakeLeadConnector, options: Options = {}) {
  return readEnv({
    LEADCONNECTOR_BASE_URL: fake.url,
    LEADCONNECTOR_TOKEN: options.token ?? fake.token,
    LEADCONNECTOR_LOCATION_ID: LOCATION_ID,
    LEADCONNECTOR_TIMEOUT_MS: String(options.timeoutMs ?? 2000),
    TOKEN_ENCRYPTION_KEY: TEST_KEY,
  });
}

/** A dispatcher that delivers to the fake over real HTTP, with locations resolved as in production. */
export function dispatcherFor(db: Database, fake: FakeLeadConnector, options: Options = {}) {
  return createDispatcher({
    db,
    forms: fixtureForms,
    locations: createLocationDirectory(db, envFor(fake, options)),
    maxAttempts: options.maxAttempts ?? 5,
    workerId: options.workerId,
    probeEveryMs: options.probeEveryMs,
    leaseMs: options.leaseMs,
    rateBudget: options.rateBudget,
  });
}

let counter = 0;
/** Accepts a valid contact-form submission and returns its id. */
export async function submitContact(
  db: Database,
  overrides: Record<string, unknown> = {},
  { locationId = LOCATION_ID, pageUrl = "http://localhost:3000/" } = {},
) {
  counter += 1;
  const result = await acceptSubmission(db, {
    form: contactForm,
    input: { firstName: "Ada", lastName: "Lovelace", email: `ada${counter}@example.com`, phone: "", companyName: "", ...overrides },
    locationId,
    pageUrl,
  });
  if (result.status !== "accepted") throw new Error(`submission not accepted: ${JSON.stringify(result)}`);
  return result.submissionId;
}

/** Makes a waiting submission due now, instead of sleeping through its backoff. */
export function makeDue(db: Database, id: string) {
  return db.submission.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
}
