// An erasure that also deletes the person's contacts in LeadConnector (DELETE /contacts/{id}), against the fake over
// real HTTP: each contact once, with its own location's token; the local erasure done whatever HighLevel answers.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { readEnv } from "@/lib/config/env";
import { createDispatcher } from "@/lib/outbox/dispatcher";
import { createLocationDirectory, saveLocation } from "@/lib/locations/directory";
import { eraseHeld, identify } from "@/lib/privacy/requests";
import { deliveryHarness } from "../support/harness";
import { fixtureForms } from "../../support/forms";
import { dispatcherFor, envFor, LOCATION_ID, submitContact, TEST_KEY } from "../support/delivery";

const SECOND_TOKEN = "pit-second-location-token-5678";
const h = deliveryHarness({ otherTokens: [SECOND_TOKEN] });
const HASH_KEY = "privacy-upstream-hash-key-0123456789abcdef";

let people = 0;
const newEmail = () => `upstream-${Date.now()}-${(people += 1)}@example.com`;

let submissions = 0;
/** Submits and delivers one submission of the person (each its own post), returning its id and the contact it became. */
async function delivered(email: string, locationId = LOCATION_ID) {
  const id = await submitContact(h.database.db, { email, companyName: `Post ${(submissions += 1)}` }, { locationId });
  expect(await dispatcherFor(h.database.db, h.fake).deliverNow(id)).toMatchObject({ kind: "delivered" });
  const { contactId } = await h.database.db.submission.findUniqueOrThrow({ where: { id } });
  return { id, contactId: contactId! };
}

function erase(email: string) {
  return eraseHeld(h.database.db, identify(email)!, { actor: null, hashKey: HASH_KEY, upstream: createLocationDirectory(h.database.db, envFor(h.fake)) });
}

const deletes = () => h.fake.requests.filter((r) => r.method === "DELETE");

async function lastErasureEntry() {
  return h.database.db.auditEntry.findFirstOrThrow({ where: { action: "privacy.erase" }, orderBy: { id: "desc" } });
}

/** The local erasure happened: values empty, contact ids gone, nothing left that finds the person. */
async function expectErasedLocally(ids: string[], email: string) {
  for (const id of ids)
    expect(await h.database.db.submission.findUniqueOrThrow({ where: { id } })).toMatchObject({ fields: {}, contactId: null, contactLink: null });
  const [{ count }] = await h.database.db.$queryRaw<{ count: bigint }[]>`SELECT count(*) FROM "Submission" WHERE fields::text LIKE ${`%${email}%`}`;
  expect(count).toBe(0n);
}

function privacyCommand(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production" as const,
    DATABASE_URL: h.database.url,
    PRIVACY_HASH_KEY: HASH_KEY,
    LEADCONNECTOR_BASE_URL: h.fake.url,
    LEADCONNECTOR_TOKEN: h.fake.token,
    LEADCONNECTOR_LOCATION_ID: LOCATION_ID,
    TOKEN_ENCRYPTION_KEY: TEST_KEY,
  };
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/privacy.ts", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let [stdout, stderr] = ["", ""];
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

describe("erasing a person also deletes their contacts in LeadConnector, when asked", () => {
  it("deletes each contact once, in each location with that location's own token", async () => {
    await saveLocation(h.database.db, envFor(h.fake), { id: "loc_second", name: "Second brand", token: SECOND_TOKEN });
    h.fake.allowDuplicates(false);
    const email = newEmail();
    // Two submissions that became one contact (the second was a duplicate), and one in another location.
    const first = await delivered(email);
    const again = await delivered(email);
    expect(again.contactId).toBe(first.contactId);
    const elsewhere = await delivered(email, "loc_second");
    expect(h.fake.contacts).toHaveLength(2);

    const erased = await erase(email);
    expect(erased.upstream).toEqual(
      expect.arrayContaining([
        { locationId: LOCATION_ID, contactId: first.contactId, kind: "deleted" },
        { locationId: "loc_second", contactId: elsewhere.contactId, kind: "deleted" },
      ]),
    );
    expect(erased.upstream).toHaveLength(2);
    expect(
      deletes()
        .map((r) => `${r.path} ${r.headers.authorization} ${r.headers.version}`)
        .sort(),
    ).toEqual([`/contacts/${first.contactId} Bearer ${h.fake.token} 2021-07-28`, `/contacts/${elsewhere.contactId} Bearer ${SECOND_TOKEN} 2021-07-28`].sort());
    expect(h.fake.contacts).toEqual([]);
    await expectErasedLocally([first.id, again.id, elsewhere.id], email);
    // The add-tags call's URL named the contact; the attempts keep the call, not the id.
    const urls = (await h.database.db.deliveryAttempt.findMany({ where: { submissionId: again.id } })).map((a) => (a.request as { url: string }).url);
    expect(urls.join(" ")).not.toContain(first.contactId);
    expect((await lastErasureEntry()).detail).toMatchObject({
      submissions: 3,
      contacts: 2,
      upstream: { contacts: 2, deleted: 2, alreadyGone: 0, refused: 0, failed: 0 },
    });
    expect(JSON.stringify((await lastErasureEntry()).detail)).not.toContain(first.contactId);
  });

  it("counts a contact already deleted in HighLevel as done", async () => {
    const email = newEmail();
    const { id, contactId } = await delivered(email);
    h.fake.contacts.splice(0); // deleted by hand in HighLevel meanwhile
    const erased = await erase(email);
    expect(erased.upstream).toEqual([{ locationId: LOCATION_ID, contactId, kind: "gone" }]);
    expect(deletes()).toHaveLength(1);
    await expectErasedLocally([id], email);
    expect((await lastErasureEntry()).detail).toMatchObject({ upstream: { contacts: 1, deleted: 0, alreadyGone: 1, refused: 0, failed: 0 } });
  });

  it("says a refused token lacks contacts.write, never showing it, and still erases everything here", async () => {
    const email = newEmail();
    const { id, contactId } = await delivered(email);
    h.fake.scriptFor("delete", { status: 401, body: { statusCode: 401, message: "The token is not authorized for this scope." } });
    const erased = await erase(email);
    expect(erased.upstream).toEqual([
      {
        locationId: LOCATION_ID,
        contactId,
        kind: "refused",
        reason: "the token lacks contacts.write for this location (HTTP 401: The token is not authorized for this scope.)",
      },
    ]);
    expect(JSON.stringify(erased)).not.toContain(h.fake.token);
    expect(h.fake.contacts.map((c) => c.id)).toEqual([contactId]);
    await expectErasedLocally([id], email);
    expect((await lastErasureEntry()).detail).toMatchObject({ upstream: { contacts: 1, deleted: 0, refused: 1 } });
  });

  it("reports a server error as not deleted, the local erasure done all the same", async () => {
    const email = newEmail();
    const { id, contactId } = await delivered(email);
    h.fake.scriptFor("delete", { status: 500, body: { statusCode: 500, message: "Internal server error" } });
    const erased = await erase(email);
    expect(erased.upstream).toEqual([{ locationId: LOCATION_ID, contactId, kind: "failed", reason: "HTTP 500: Internal server error; try again later" }]);
    await expectErasedLocally([id], email);
    expect((await lastErasureEntry()).detail).toMatchObject({ upstream: { contacts: 1, failed: 1 } });
  });

  it("reports a timeout as not deleted", async () => {
    const email = newEmail();
    const { id, contactId } = await delivered(email);
    h.fake.setLatency(1500);
    const slow = createLocationDirectory(h.database.db, envFor(h.fake, { timeoutMs: 200 }));
    const erased = await eraseHeld(h.database.db, identify(email)!, { actor: null, hashKey: HASH_KEY, upstream: slow });
    expect(erased.upstream).toEqual([{ locationId: LOCATION_ID, contactId, kind: "failed", reason: "No answer within 200 ms; try again later" }]);
    await expectErasedLocally([id], email);
  });

  it("refuses a contact whose location has no token in LeadRelay, without calling anyone", async () => {
    const email = newEmail();
    const id = await submitContact(h.database.db, { email }, { locationId: "loc_unknown" });
    await h.database.db.submission.update({ where: { id }, data: { status: "DELIVERED", contactId: "c-unknown", contactLink: "CREATED" } });
    const erased = await erase(email);
    expect(erased.upstream).toEqual([
      { locationId: "loc_unknown", contactId: "c-unknown", kind: "refused", reason: "LeadRelay holds no token for this location (add it under Locations)" },
    ]);
    expect(deletes()).toEqual([]);
    await expectErasedLocally([id], email);
  });

  it("without the upstream step, calls nobody and still lists the contacts it leaves in HighLevel", async () => {
    const email = newEmail();
    const { id, contactId } = await delivered(email);
    const erased = await eraseHeld(h.database.db, identify(email)!, { actor: null, hashKey: HASH_KEY });
    expect(erased).toMatchObject({ upstream: null, upstreamContacts: [{ locationId: LOCATION_ID, contactId }], contacts: 1 });
    expect(deletes()).toEqual([]);
    await expectErasedLocally([id], email);
    expect((await lastErasureEntry()).detail).toMatchObject({ contacts: 1, upstream: null });
  });

  it("in sandbox mode, deletes the sandbox's contact in-process; one the sandbox no longer holds is already gone", async () => {
    const sandbox = createLocationDirectory(h.database.db, readEnv({}));
    const dispatcher = createDispatcher({ db: h.database.db, forms: fixtureForms, locations: sandbox, maxAttempts: 3 });
    const email = newEmail();
    const id = await submitContact(h.database.db, { email }, { locationId: "sandbox" });
    await dispatcher.deliverNow(id);
    const { contactId } = await h.database.db.submission.findUniqueOrThrow({ where: { id } });
    const older = await submitContact(h.database.db, { email, companyName: "Before a restart" }, { locationId: "sandbox" });
    await h.database.db.submission.update({ where: { id: older }, data: { status: "DELIVERED", contactId: "sandbox_from-before-a-restart" } });

    const erased = await eraseHeld(h.database.db, identify(email)!, { actor: null, hashKey: HASH_KEY, upstream: sandbox });
    expect(erased.upstream).toEqual(
      expect.arrayContaining([
        { locationId: "sandbox", contactId, kind: "deleted" },
        { locationId: "sandbox", contactId: "sandbox_from-before-a-restart", kind: "gone" },
      ]),
    );
    expect(h.fake.requests).toEqual([]);
    await expectErasedLocally([id, older], email);
  });

  it("npm run privacy:erase -- --upstream prints each contact's outcome; exits 1 with the reason when one was not deleted", async () => {
    const email = newEmail();
    const { contactId } = await delivered(email);
    const done = await privacyCommand(["erase", email, "--upstream"]);
    expect(done.stderr).toBe("");
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`Erased email ${email}: 1 submission(s)`);
    expect(done.stdout).toContain(`contact ${contactId} in location ${LOCATION_ID}: deleted`);
    expect(deletes()).toHaveLength(1);

    const refusedEmail = newEmail();
    const refused = await delivered(refusedEmail);
    h.fake.scriptFor("delete", { status: 403, body: { statusCode: 403, message: "The token does not have access to this location." } });
    const failed = await privacyCommand(["erase", refusedEmail, "--upstream"]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`Erased email ${refusedEmail}: 1 submission(s)`);
    expect(failed.stdout).toContain(`contact ${refused.contactId} in location ${LOCATION_ID}: NOT DELETED, refused: the token lacks contacts.write`);
    expect(failed.stderr).toContain("1 contact(s) were not deleted in LeadConnector (listed above): delete them in HighLevel. The erasure here is done.");
    expect(failed.stdout + failed.stderr).not.toContain(h.fake.token);
    await expectErasedLocally([refused.id], refusedEmail);

    // Without --upstream nothing is called, and what stays in HighLevel is listed; nothing found is not an error.
    const keptEmail = newEmail();
    const kept = await delivered(keptEmail);
    const local = await privacyCommand(["erase", keptEmail]);
    expect(local.code).toBe(0);
    expect(local.stdout).toContain(`LeadConnector: not asked (--upstream); 1 contact(s) stay there. Delete them in HighLevel:\n  contact ${kept.contactId}`);
    expect(deletes()).toHaveLength(2);
    const nothing = await privacyCommand(["erase", keptEmail, "--upstream"]);
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toContain("0 submission(s)");
    expect((await privacyCommand(["export", keptEmail, "--upstream"])).code).toBe(2);
  });
});
