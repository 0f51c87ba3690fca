// The production web process (`npm start`: Next, the server action, the dispatcher inside it) at LOG_LEVEL=debug, its
// output captured, driven through every path that logs: each kind of upstream refusal, a timeout, a lost answer, a
// database error while storing and while delivering, and the visitor's own mistakes. A known email, phone, name and
// token must appear in no line.
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/db/embedded";
import { startFakeLeadConnector, type FakeAnswer, type FakeLeadConnector } from "../../support/fake-leadconnector/server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { postContactForm, submitLeadActionId } from "../support/form-post";
import { deploymentEnv, startScript, stopAllProcesses, type ScriptProcess } from "../support/processes";
import { waitFor } from "../support/wait";

const MARK = randomBytes(4).toString("hex");
const LAST_NAME = `Privacy${MARK}`;
const DIGITS = String(10 + (parseInt(MARK.slice(0, 4), 16) % 90)); // 555-01xx: the range kept for fiction
const PHONE = { typed: `201 555 01${DIGITS}`, national: `20155501${DIGITS}`, e164: `+120155501${DIGITS}` };
const TOKEN = `pit-privacy-${MARK}-secret`;
const emailFor = (path: string) => `lr-${MARK}-${path}@example.com`;

let database: TestDatabase;
let fake: FakeLeadConnector;
let web: ScriptProcess;
let url: string;
let actionId: string;
const emails: string[] = [];

beforeAll(async () => {
  // Reuses the build `npm run build` left (the browser tests build too); builds when there is none.
  if (!existsSync(".next/BUILD_ID")) {
    const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("npm run build failed");
  }
  actionId = submitLeadActionId();
  database = await createTestDatabase();
  fake = await startFakeLeadConnector({ token: TOKEN });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  web = startScript("scripts/serve.ts", {
    args: ["start"],
    env: {
      ...deploymentEnv(database.url, fake),
      PORT: String(port),
      LOG_LEVEL: "debug",
      AUTH_SECRET: "s".repeat(40),
      ADMIN_EMAIL: "ops@example.com",
      ADMIN_PASSWORD: "correct horse battery",
      FORM_MIN_FILL_SECONDS: "0",
      SUBMISSION_LIMIT_PER_IP: "0",
      DELIVERY_RATE_LIMIT: "off",
      DELIVERY_POLL_MS: "200",
      LEADCONNECTOR_TIMEOUT_MS: "1000",
    },
  });
  await waitFor(async () => (await fetch(`${url}/api/health`).catch(() => null))?.ok === true, {
    timeoutMs: 90_000,
    what: () => `the web process\n${web.output()}`,
  });
}, 600_000);
afterAll(async () => {
  await stopAllProcesses();
  await web?.stop("SIGKILL");
  await fake?.close();
  await database?.drop();
});

const sql = (text: string, values: unknown[] = []) => database.db.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values);

/** Posts the contact form as a visitor whose email names the path, with the known name and phone. */
async function post(path: string, overrides: Record<string, string> = {}) {
  const email = emailFor(path);
  emails.push(email);
  return postContactForm(url, actionId, {
    firstName: "Ada",
    lastName: LAST_NAME,
    email,
    phone: PHONE.typed,
    companyName: `Company ${MARK}`,
    idempotencyKey: `privacy-${MARK}-${path}`.slice(0, 64),
    _tz: "Europe/London",
    ...overrides,
  });
}

const submissionOf = async (path: string) => (await sql(`SELECT * FROM "Submission" WHERE fields->>'email' = $1`, [emailFor(path)]))[0];
const attemptsOf = async (path: string) =>
  sql(`SELECT a.* FROM "DeliveryAttempt" a JOIN "Submission" s ON s.id = a."submissionId" WHERE s.fields->>'email' = $1`, [emailFor(path)]);

/** One delivery path: the fake answers the first create with `answer`; waits until the attempt is recorded. */
async function deliverWith(path: string, answer: FakeAnswer, settled: () => Promise<boolean>) {
  fake.script(answer);
  expect(await post(path), web.output()).toMatchObject({ outcome: "accepted" });
  await waitFor(settled, { timeoutMs: 20_000, what: () => `${path} to settle\n${web.output()}` });
  // Its retry must not eat the next path's scripted answer.
  await sql(`UPDATE "Submission" SET "nextAttemptAt" = now() + interval '1 day' WHERE fields->>'email' = $1 AND status IN ('PENDING', 'RETRYING')`, [
    emailFor(path),
  ]);
}

const statusIs = (path: string, status: string) => async () => (await submissionOf(path))?.status === status;
const attemptWith = (path: string, httpStatus: number | null, outcome: string) => async () =>
  (await attemptsOf(path)).some((a) => a.httpStatus === httpStatus && a.outcome === outcome);

describe("logs", () => {
  it("name no email, phone, name or token on any path, the failing ones included", async () => {
    // The visitor's mistakes: nothing stored, the values only in the answer.
    const mistakes: Record<string, Record<string, string>> = {
      "invalid-email": { email: `${emailFor("invalid-email")}@@` },
      "invalid-phone": { phone: `+1 555 ${MARK}` },
      "too-long": { lastName: `${LAST_NAME} ${"x".repeat(300)}` },
      "no-token": { _token: "forged" },
    };
    for (const [path, overrides] of Object.entries(mistakes)) {
      const answer = await post(path, overrides);
      expect(answer.outcome, answer.detail).not.toBe("no-answer");
    }
    expect(await sql(`SELECT id FROM "Submission"`)).toEqual([]);

    // Every kind of upstream answer that is not a success, each echoing the values where LeadConnector would.
    await deliverWith(
      "rejected-400",
      { status: 400, body: { statusCode: 400, message: `Invalid email ${emailFor("rejected-400")} for ${LAST_NAME}` } },
      statusIs("rejected-400", "FAILED"),
    );
    await deliverWith(
      "rejected-422",
      {
        status: 422,
        body: {
          statusCode: 422,
          message: [`email ${emailFor("rejected-422")} is not valid`, `phone ${PHONE.e164} is not valid`],
          meta: { email: emailFor("rejected-422"), phone: PHONE.e164, lastName: LAST_NAME },
        },
      },
      statusIs("rejected-422", "FAILED"),
    );
    await deliverWith(
      "rate-limited",
      { status: 429, body: { statusCode: 429, message: `Too many requests for ${PHONE.e164}` }, headers: { "retry-after": "3600" } },
      attemptWith("rate-limited", 429, "retry"),
    );
    await deliverWith(
      "server-error",
      { status: 500, body: { statusCode: 500, message: `Internal error creating ${emailFor("server-error")}` } },
      statusIs("server-error", "RETRYING"),
    );
    await deliverWith("timeout", { status: 201, body: { contact: { id: "late" } }, delayMs: 2500 }, statusIs("timeout", "RETRYING"));

    // A lost answer (the contact was created), then the lookup by email and phone that finds it.
    await deliverWith("lost-answer", { createThenDrop: true }, statusIs("lost-answer", "RETRYING"));
    await sql(`UPDATE "Submission" SET "nextAttemptAt" = now() WHERE fields->>'email' = $1`, [emailFor("lost-answer")]);
    await waitFor(statusIs("lost-answer", "DELIVERED"), { what: () => `the lookup after the lost answer\n${web.output()}` });
    expect((await submissionOf("lost-answer")).contactLink).toBe("FOUND");

    // The database fails while storing a submission, and while recording an attempt, quoting the row as PostgreSQL does.
    await sql(`CREATE FUNCTION fail_storing() RETURNS trigger AS $$ BEGIN
        IF NEW.fields::text LIKE '%store-error%' THEN RAISE EXCEPTION 'cannot store %', NEW.fields USING DETAIL = NEW.fields::text; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await sql(`CREATE FUNCTION fail_recording() RETURNS trigger AS $$ BEGIN
        IF NEW.request::text LIKE '%attempt-error%' THEN
          RAISE EXCEPTION 'cannot record %', NEW.request USING DETAIL = NEW.request::text, HINT = coalesce(NEW."responseExcerpt", '');
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await sql(`CREATE TRIGGER fail_storing BEFORE INSERT ON "Submission" FOR EACH ROW EXECUTE FUNCTION fail_storing()`);
    await sql(`CREATE TRIGGER fail_recording BEFORE INSERT ON "DeliveryAttempt" FOR EACH ROW EXECUTE FUNCTION fail_recording()`);
    const refused = await post("store-error");
    expect(refused.detail).toContain("We could not save your details");
    await waitFor(() => web.output().includes("submission could not be stored"), { what: () => `the storing error\n${web.output()}` });
    expect(await post("attempt-error"), web.output()).toMatchObject({ outcome: "accepted" });
    await waitFor(() => web.output().includes("cannot record"), { what: () => `the delivery error\n${web.output()}` });

    // Last, as it pauses the location: the token refused.
    await deliverWith(
      "unauthorized",
      { status: 401, body: { statusCode: 401, message: `Invalid JWT ${TOKEN} for ${emailFor("unauthorized")}` } },
      async () => (await sql(`SELECT 1 FROM "Location" WHERE "pausedAt" IS NOT NULL`)).length === 1,
    );

    await web.stop("SIGTERM");
    const output = web.output();
    const lines = output.split("\n").filter(Boolean);
    // First, so a leak is reported with its lines.
    for (const secret of [...emails, PHONE.typed, PHONE.national, PHONE.e164, LAST_NAME, `Company ${MARK}`, TOKEN]) {
      const leaks = lines.filter((line) => line.includes(secret));
      expect(leaks, `"${secret}" in the log`).toEqual([]);
    }
    // The paths did log, at debug and above, each naming its submission and outcome.
    const logged = lines.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);
    const outcomes = logged.filter((l) => l.msg === "delivery run finished").map((l) => l.outcome);
    expect(outcomes).toEqual(expect.arrayContaining(["failed", "retry", "delivered", "paused"]));
    expect(logged.find((l) => l.msg === "delivery run finished" && l.outcome === "failed")).toMatchObject({ reason: "HTTP 400: [redacted]" });
    expect(logged.find((l) => l.msg === "submission could not be stored")).toMatchObject({ err: { message: "cannot store [redacted]" } });
    const recording = logged.find((l) => String((l.err as { message?: unknown } | undefined)?.message).startsWith("cannot record"));
    expect(recording).toMatchObject({ level: 50, err: { type: "DatabaseError", message: "cannot record [redacted]" } });
  });
});
