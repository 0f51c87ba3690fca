import type { Database } from "@/lib/db/client";
import { contactForm } from "@/lib/forms/contact";
import { createLeadConnectorClient } from "@/lib/leadconnector/client";
import { createDispatcher } from "@/lib/outbox/dispatcher";
import { acceptSubmission } from "@/lib/submission/accept";
import type { FakeLeadConnector } from "../fake-leadconnector/server";

export const LOCATION_ID = "loc_test_123";

/** A dispatcher that delivers to the fake over real HTTP. */
export function dispatcherFor(db: Database, fake: FakeLeadConnector, options: { timeoutMs?: number; maxAttempts?: number; workerId?: string } = {}) {
  const client = createLeadConnectorClient({ baseUrl: fake.url, token: fake.token, timeoutMs: options.timeoutMs ?? 2000 });
  return createDispatcher({ db, clientFor: () => client, maxAttempts: options.maxAttempts ?? 5, workerId: options.workerId });
}

let counter = 0;
/** Accepts a valid contact-form submission and returns its id. */
export async function submitContact(db: Database, overrides: Record<string, unknown> = {}) {
  counter += 1;
  const result = await acceptSubmission(db, {
    form: contactForm,
    input: { firstName: "Ada", lastName: "Lovelace", email: `ada${counter}@example.com`, phone: "", companyName: "", ...overrides },
    locationId: LOCATION_ID,
    pageUrl: "http://localhost:3000/",
  });
  if (result.status !== "accepted") throw new Error(`submission rejected: ${JSON.stringify(result.errors)}`);
  return result.submissionId;
}

/** Makes a waiting submission due now, instead of sleeping through its backoff. */
export function makeDue(db: Database, id: string) {
  return db.submission.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
}
