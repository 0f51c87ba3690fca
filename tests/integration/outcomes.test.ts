import { describe, expect, it } from "vitest";
import { readEnv } from "@/lib/config/env";
import { createLocationDirectory, saveLocation } from "@/lib/locations/directory";
import { createDispatcher } from "@/lib/outbox/dispatcher";
import { deliveryHarness } from "../support/harness";
import { dispatcherFor, envFor, LOCATION_ID, makeDue, submitContact } from "../support/delivery";
import { fixtureForms } from "../../support/forms";

const SECOND_TOKEN = "pit-second-location-9876";
const h = deliveryHarness({ otherTokens: [SECOND_TOKEN] });

const submission = (id: string) => h.database.db.submission.findUniqueOrThrow({ where: { id }, include: { attempts: { orderBy: { startedAt: "asc" } } } });
const actions = async (id: string) => (await submission(id)).attempts.map((a) => `${a.action} ${a.httpStatus ?? a.outcome}`);

describe("a location that refuses duplicates", () => {
  it("links the existing contact and adds this submission's tags to it", async () => {
    h.fake.allowDuplicates(false);
    const dispatcher = dispatcherFor(h.database.db, h.fake);
    const first = await submitContact(h.database.db, { email: "dup@example.com" });
    await dispatcher.deliverNow(first);
    const existingId = (await submission(first)).contactId;

    const second = await submitContact(
      h.database.db,
      { email: "dup@example.com" },
      { pageUrl: "https://site.example/?utm_source=Newsletter&utm_campaign=spring" },
    );
    const outcome = await dispatcher.deliverNow(second);

    expect(outcome).toEqual({ kind: "delivered", contactId: existingId, link: "EXISTING" });
    expect(await submission(second)).toMatchObject({ status: "DELIVERED", contactId: existingId, contactLink: "EXISTING" });
    expect(await actions(second)).toEqual(["create 400", "add_tags 201"]);
    expect(h.fake.contacts).toHaveLength(1);
    expect(h.fake.contacts[0].tags).toEqual(["website", "contact-form", "utm_source:newsletter", "utm_campaign:spring"]);
    const tagsCall = h.fake.requests.at(-1)!;
    expect(tagsCall).toMatchObject({
      method: "POST",
      path: `/contacts/${existingId}/tags`,
      body: { tags: ["website", "contact-form", "utm_source:newsletter", "utm_campaign:spring"] },
    });
  });

  it("keeps the link and retries only the tags when adding them fails for a while", async () => {
    h.fake.allowDuplicates(false);
    const dispatcher = dispatcherFor(h.database.db, h.fake);
    await dispatcher.deliverNow(await submitContact(h.database.db, { email: "dup2@example.com" }));
    h.fake.scriptFor("tags", { status: 502, body: { message: "Bad Gateway" } });

    const id = await submitContact(h.database.db, { email: "dup2@example.com", firstName: "Augusta" }); // another post, not a repeat of the first
    await dispatcher.deliverNow(id);
    expect(await submission(id)).toMatchObject({ status: "RETRYING", contactLink: "EXISTING", contactId: h.fake.contacts[0].id });

    await makeDue(h.database.db, id);
    await dispatcher.runOnce();
    expect(await actions(id)).toEqual(["create 400", "add_tags 502", "add_tags 201"]);
    expect(await submission(id)).toMatchObject({ status: "DELIVERED", contactLink: "EXISTING" });
  });
});

describe("a response that never arrives", () => {
  it("finds the contact the lost call created instead of creating a second one", async () => {
    h.fake.script({ createThenDrop: true });
    const dispatcher = dispatcherFor(h.database.db, h.fake);
    const id = await submitContact(h.database.db, { email: "lost@example.com" });

    await dispatcher.deliverNow(id);
    expect(await submission(id)).toMatchObject({ status: "RETRYING", needsLookup: true });
    expect(h.fake.contacts).toHaveLength(1); // created upstream, though we never heard

    await makeDue(h.database.db, id);
    await dispatcher.runOnce();
    const row = await submission(id);
    expect(row).toMatchObject({ status: "DELIVERED", contactLink: "FOUND", contactId: h.fake.contacts[0].id, needsLookup: false });
    expect(await actions(id)).toEqual(["create retry", "lookup 200", "add_tags 201"]);
    expect(h.fake.contacts).toHaveLength(1);
    const lookup = h.fake.requests.find((r) => r.method === "GET")!;
    expect(lookup.path).toBe(`/contacts/search/duplicate?locationId=${LOCATION_ID}&email=lost%40example.com`);
  });

  it("looks up by phone when the email finds nothing", async () => {
    h.fake.script({ status: 504, body: { message: "Gateway Timeout" } });
    const dispatcher = dispatcherFor(h.database.db, h.fake);
    const id = await submitContact(h.database.db, { email: "phone@example.com", phone: "+44 20 7946 0958" });
    await dispatcher.deliverNow(id);
    await makeDue(h.database.db, id);
    await dispatcher.runOnce();
    expect(await actions(id)).toEqual(["create 504", "lookup 200", "lookup 200", "create 201"]);
    expect(h.fake.requests[2].path).toBe(`/contacts/search/duplicate?locationId=${LOCATION_ID}&number=%2B442079460958`);
    expect(await submission(id)).toMatchObject({ status: "DELIVERED", contactLink: "CREATED" });
  });

  it("creates anyway when the token may not search (no contacts.readonly scope)", async () => {
    h.fake.script({ status: 500, body: { message: "Internal" } });
    h.fake.scriptFor("lookup", { status: 401, body: { statusCode: 401, message: "The token is not authorized for this scope." } });
    const dispatcher = dispatcherFor(h.database.db, h.fake);
    const id = await submitContact(h.database.db);
    await dispatcher.deliverNow(id);
    await makeDue(h.database.db, id);
    await dispatcher.runOnce();
    expect(await actions(id)).toEqual(["create 500", "lookup 401", "create 201"]);
    expect(await submission(id)).toMatchObject({ status: "DELIVERED" });
    expect(await h.database.db.location.count({ where: { pausedAt: { not: null } } })).toBe(0);
  });
});

describe("a refused token", () => {
  it("pauses the location, holds its submissions without spending attempts, and resumes after a successful probe", async () => {
    h.fake.script({ status: 401, body: { statusCode: 401, message: "Invalid token: access token is invalid", error: "Unauthorized" } });
    const dispatcher = dispatcherFor(h.database.db, h.fake);
    const first = await submitContact(h.database.db);
    const second = await submitContact(h.database.db);

    await dispatcher.deliverNow(first);
    expect(await h.database.db.location.findUniqueOrThrow({ where: { id: LOCATION_ID } })).toMatchObject({
      pauseReason: "HTTP 401: Invalid token: access token is invalid",
      pausedAt: expect.any(Date),
    });
    expect(await submission(first)).toMatchObject({
      status: "PENDING",
      consecutiveFailures: 0,
      lastError: "Waiting: HTTP 401: Invalid token: access token is invalid",
    });
    expect(await dispatcher.runOnce()).toBe(0); // paused: nothing is claimed, and the probe slot was just used
    expect(h.fake.requests).toHaveLength(1);

    // A minute passes (backdated, not slept): one probe goes out, succeeds, and the rest follow.
    await h.database.db.location.update({ where: { id: LOCATION_ID }, data: { lastProbeAt: new Date(Date.now() - 61_000) } });
    expect(await dispatcher.runOnce()).toBe(2);
    expect((await h.database.db.location.findUniqueOrThrow({ where: { id: LOCATION_ID } })).pausedAt).toBeNull();
    expect((await submission(first)).status).toBe("DELIVERED");
    expect((await submission(second)).status).toBe("DELIVERED");
    expect(h.fake.contacts).toHaveLength(2);
  });

  it("resumes as soon as the token is replaced", async () => {
    const stale = dispatcherFor(h.database.db, h.fake, { token: "pit-revoked-token" });
    const id = await submitContact(h.database.db);
    await stale.deliverNow(id);
    expect((await h.database.db.location.findUniqueOrThrow({ where: { id: LOCATION_ID } })).pausedAt).not.toBeNull();
    expect(await stale.runOnce()).toBe(0);

    const renewed = dispatcherFor(h.database.db, h.fake); // restarted with the new LEADCONNECTOR_TOKEN
    expect(await renewed.runOnce()).toBe(1);
    expect(await submission(id)).toMatchObject({ status: "DELIVERED" });
    expect((await h.database.db.location.findUniqueOrThrow({ where: { id: LOCATION_ID } })).pausedAt).toBeNull();
  });

  it("pauses on 403 (no access to the location) the same way", async () => {
    h.fake.script({ status: 403, body: { statusCode: 403, message: "The token does not have access to this location." } });
    const id = await submitContact(h.database.db);
    await dispatcherFor(h.database.db, h.fake).deliverNow(id);
    expect((await h.database.db.location.findUniqueOrThrow({ where: { id: LOCATION_ID } })).pauseReason).toBe(
      "HTTP 403: The token does not have access to this location.",
    );
    expect((await submission(id)).status).toBe("PENDING");
  });
});

describe("locations with their own token", () => {
  it("deliver with the location's stored token, which is encrypted at rest", async () => {
    const env = envFor(h.fake);
    await saveLocation(h.database.db, env, { id: "loc_second", name: "Second brand", token: SECOND_TOKEN });
    const stored = await h.database.db.location.findUniqueOrThrow({ where: { id: "loc_second" } });
    expect(stored.tokenCiphertext).not.toContain(SECOND_TOKEN);
    expect(stored.tokenLast4).toBe("9876");

    const id = await submitContact(h.database.db, {}, { locationId: "loc_second" });
    await dispatcherFor(h.database.db, h.fake).deliverNow(id);
    expect(h.fake.requests[0].headers.authorization).toBe(`Bearer ${SECOND_TOKEN}`);
    expect(h.fake.requests[0].body).toMatchObject({ locationId: "loc_second" });
    expect((await submission(id)).status).toBe("DELIVERED");
  });

  it("wait, paused, when their token is missing, and go once it is added", async () => {
    const dispatcher = dispatcherFor(h.database.db, h.fake);
    const id = await submitContact(h.database.db, {}, { locationId: "loc_new" });
    expect(await dispatcher.deliverNow(id)).toMatchObject({ kind: "paused", reason: "No token is configured for location loc_new. Add it under Locations." });
    expect(h.fake.requests).toHaveLength(0);

    await saveLocation(h.database.db, envFor(h.fake), { id: "loc_new", name: "New brand", token: SECOND_TOKEN });
    expect(await dispatcher.runOnce()).toBe(1);
    expect((await submission(id)).status).toBe("DELIVERED");
  });

  it("refuse to store a token without an encryption key", async () => {
    const env = readEnv({ LEADCONNECTOR_TOKEN: "pit-test-token", LEADCONNECTOR_LOCATION_ID: LOCATION_ID });
    await expect(saveLocation(h.database.db, env, { id: "loc_x", name: "X", token: "abcdefgh" })).rejects.toThrow("Set TOKEN_ENCRYPTION_KEY");
  });
});

describe("sandbox mode", () => {
  it("runs the same mapping and keeps the exact body that would have been sent", async () => {
    const env = readEnv({});
    const dispatcher = createDispatcher({ db: h.database.db, forms: fixtureForms, locations: createLocationDirectory(h.database.db, env), maxAttempts: 3 });
    const id = await submitContact(h.database.db, { email: "sandbox@example.com" }, { locationId: "sandbox" });
    await dispatcher.deliverNow(id);
    const row = await submission(id);
    expect(row).toMatchObject({ status: "DELIVERED", contactLink: "CREATED", contactId: expect.stringMatching(/^sandbox_/) });
    expect(row.attempts[0].request).toMatchObject({
      method: "POST",
      body: { locationId: "sandbox", source: "public api", email: "sandbox@example.com", tags: ["website", "contact-form"] },
    });
    expect(h.fake.requests).toHaveLength(0);
  });
});
