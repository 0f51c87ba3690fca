import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { startFakeLeadConnector, type FakeLeadConnector } from "../../support/fake-leadconnector/server";
import { createTestDatabase, type TestDatabase } from "./database";

/**
 * A test file's own migrated database and fake LeadConnector, emptied between tests. Read `database` and
 * `fake` inside tests and hooks: they exist once the file's beforeAll has run.
 */
export function deliveryHarness(fakeOptions: Parameters<typeof startFakeLeadConnector>[0] = {}) {
  const harness = {} as { database: TestDatabase; fake: FakeLeadConnector };
  beforeAll(async () => {
    harness.database = await createTestDatabase();
    harness.fake = await startFakeLeadConnector({ token: "pit-test-token", ...fakeOptions });
  });
  afterAll(async () => {
    await harness.fake.close();
    await harness.database.drop();
  });
  beforeEach(() => harness.fake.reset());
  afterEach(async () => {
    const { db } = harness.database;
    await db.deliveryAttempt.deleteMany();
    await db.submission.deleteMany();
    await db.rateBudget.deleteMany();
    await db.location.deleteMany();
  });
  return harness;
}
