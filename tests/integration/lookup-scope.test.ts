import { describe, expect, it } from "vitest";
import { ensureDefaultLocation } from "@/lib/locations/directory";
import { degradedLocations } from "@/lib/outbox/queries";
import { deliveryHarness } from "../support/harness";
import { dispatcherFor, envFor, LOCATION_ID, makeDue, submitContact } from "../support/delivery";

const NEW_TOKEN = "pit-new-token-with-both-scopes";
const h = deliveryHarness({ otherTokens: [NEW_TOKEN] });

const submission = (id: string) => h.database.db.submission.findUniqueOrThrow({ where: { id }, include: { attempts: { orderBy: { startedAt: "asc" } } } });
const actions = async (id: string) => (await submission(id)).attempts.map((a) => `${a.action} ${a.httpStatus ?? a.outcome}`);
const location = () => h.database.db.location.findUniqueOrThrow({ where: { id: LOCATION_ID } });

/** A create whose answer is lost, then the retry: the retry must look the contact up first. */
async function deliverAfterLostAnswer(dispatcher: ReturnType<typeof dispatcherFor>, email: string) {
  h.fake.script({ createThenDrop: true });
  const id = await submitContact(h.database.db, { email });
  await dispatcher.deliverNow(id);
  await makeDue(h.database.db, id);
  await dispatcher.runOnce();
  return id;
}

describe("a token without the contacts.readonly scope", () => {
  it.each([401, 403] as const)("marks the location degraded when the lookup answers %i, and still delivers", async (status) => {
    h.fake.refuseLookups(status);
    const dispatcher = dispatcherFor(h.database.db, h.fake);
    const before = new Date();

    const id = await deliverAfterLostAnswer(dispatcher, `scope${status}@example.com`);

    expect(await actions(id)).toEqual(["create retry", `lookup ${status}`, "create 201"]);
    expect(await submission(id)).toMatchObject({ status: "DELIVERED", contactLink: "CREATED" });
    expect(h.fake.contacts).toHaveLength(2); // the weakened promise, now visible
    const row = await location();
    expect(row.pausedAt).toBeNull(); // delivery goes on
    expect(row.degradedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 5);
    expect(row.degradedReason).toContain("contacts.readonly");
    expect(row.degradedReason).toContain(String(status));
    expect(await degradedLocations(h.database.db)).toEqual([{ id: LOCATION_ID, name: expect.any(String), degradedReason: row.degradedReason }]);
  });

  it("clears the mark once a later lookup succeeds", async () => {
    h.fake.refuseLookups(403);
    const dispatcher = dispatcherFor(h.database.db, h.fake);
    await deliverAfterLostAnswer(dispatcher, "before-scope@example.com");
    expect((await location()).degradedAt).not.toBeNull();

    h.fake.refuseLookups(null); // the scope was added to the same token
    const id = await deliverAfterLostAnswer(dispatcher, "after-scope@example.com");

    expect(await actions(id)).toEqual(["create retry", "lookup 200", "add_tags 201"]);
    expect(await location()).toMatchObject({ degradedAt: null, degradedReason: null, degradedTokenFingerprint: null });
    expect(await degradedLocations(h.database.db)).toEqual([]);
  });

  it("clears the mark when the location's token changes, and keeps it while the token stays", async () => {
    h.fake.refuseLookups(403);
    await deliverAfterLostAnswer(dispatcherFor(h.database.db, h.fake), "old-token@example.com");

    await ensureDefaultLocation(h.database.db, envFor(h.fake)); // a restart with the same token
    expect((await location()).degradedAt).not.toBeNull();

    await ensureDefaultLocation(h.database.db, envFor(h.fake, { token: NEW_TOKEN }));
    expect(await location()).toMatchObject({ degradedAt: null, degradedReason: null });
  });
});
