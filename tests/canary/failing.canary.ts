// Run only by .ci/run, never by `npm test`: proves a failing test fails the run through the same global
// setup (embedded PostgreSQL) the integration and fault tests use. If this run exits 0, CI stops.
import { afterAll, expect, it } from "vitest";
import { createTestDatabase } from "../support/database";

const database = await createTestDatabase();
afterAll(() => database.drop());

it("fails on purpose, after touching the database", async () => {
  expect(await database.db.submission.count()).toBe(0);
  expect("this canary").toBe("a failing test");
});
