// The dashboard's one filter model against real PostgreSQL: each filter, the search (through the form's mapping and
// the trigram index), the tab counts agreeing with the list, and keyset pages that stay put while rows arrive.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defineForm, type FormDefinition } from "@/lib/forms/definition";
import { filterSql, parseOutboxQuery, type OutboxFilter } from "@/lib/outbox/filter";
import { applyBulk } from "@/lib/outbox/bulk";
import { countByStatus, countMatching, countNewer, cursorOf, facetValues, listOutboxPage, pageSql, type OutboxPage } from "@/lib/outbox/listing";
import { Prisma } from "@/lib/db/generated/client";
import { acceptSubmission } from "@/lib/submission/accept";
import { contactForm } from "../../support/forms";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
afterEach(() => database.db.submission.deleteMany());

/** A form whose inputs are not named after the contact properties, with a free-text field nobody searches. */
const eventForm = defineForm({
  id: "event",
  title: "Event sign-up",
  submitLabel: "Send",
  thankYou: "Thanks",
  tags: [],
  defaultCountry: "GB",
  fields: [
    { name: "fullName", label: "Your name", kind: "text", maps: "name" },
    { name: "workEmail", label: "Work email", kind: "email", maps: "email" },
    { name: "mobile", label: "Mobile", kind: "phone", maps: "phone" },
    { name: "notes", label: "Notes", kind: "text", multiline: true, maps: { customField: "notes" } },
  ],
});

let n = 0;
type Extra = { status?: string; partnerId?: string; locationId?: string; createdAt?: string; heldReason?: string };

async function add(form: FormDefinition, input: Record<string, string>, extra: Extra = {}): Promise<string> {
  const result = await acceptSubmission(database.db, {
    form,
    input,
    locationId: extra.locationId ?? "loc-a",
    tokenNonce: `nonce-${++n}`,
    idempotencyKey: null,
  });
  if (result.status !== "accepted") throw new Error(`not accepted: ${JSON.stringify(result)}`);
  const id = result.submissionId;
  await database.db.$executeRaw`
    UPDATE "Submission" SET status = COALESCE(${extra.status ?? null}::"SubmissionStatus", status),
      "heldReason" = ${extra.heldReason ?? null}::"HeldReason", "partnerId" = ${extra.partnerId ?? null},
      "createdAt" = COALESCE(${extra.createdAt ?? null}::timestamptz, "createdAt")
    WHERE id = ${id}::uuid`;
  return id;
}

const lead = (i: number, extra: Partial<Record<string, string>> = {}) => ({
  firstName: `Lead${i}`,
  email: `lead${i}@example.com`,
  ...extra,
});

const idsOf = async (filter: OutboxFilter) => (await listOutboxPage(database.db, filter, { kind: "first" }, 1000)).rows.map((r) => r.id).sort();

describe("the outbox filter", () => {
  it("narrows by status, form, partner, location, held reason and UTC days, and the tab counts agree with the list", async () => {
    const a = await add(contactForm, lead(1), { status: "DELIVERED", createdAt: "2026-03-01T23:59:59.999Z" });
    const b = await add(contactForm, lead(2), { status: "FAILED", partnerId: "acme", createdAt: "2026-03-02T00:00:00.000Z" });
    const c = await add(contactForm, lead(3), { status: "HELD", heldReason: "flood", locationId: "loc-b", createdAt: "2026-03-03T12:00:00Z" });
    const d = await add(eventForm, { fullName: "Grace Hopper", workEmail: "grace@navy.example" }, { status: "HELD", heldReason: "honeypot" });

    expect(await idsOf({})).toEqual([a, b, c, d].sort());
    expect(await idsOf({ status: "FAILED" })).toEqual([b]);
    expect(await idsOf({ formId: "event" })).toEqual([d]);
    expect(await idsOf({ partnerId: "acme" })).toEqual([b]);
    expect(await idsOf({ locationId: "loc-b" })).toEqual([c]);
    expect(await idsOf({ status: "HELD", heldReason: "flood" })).toEqual([c]);
    // Days are UTC: the 1st ends at 23:59:59.999Z, the 2nd starts at midnight.
    expect(await idsOf({ from: "2026-03-02", to: "2026-03-02" })).toEqual([b]);
    expect(await idsOf({ to: "2026-03-01" })).toEqual([a]);
    expect(await idsOf({ from: "2026-03-02", to: "2026-03-03" })).toEqual([b, c].sort());

    // Each tab counts under the other filters: here the contact form only.
    expect(await countByStatus(database.db, { formId: "contact", status: "FAILED" })).toEqual({ DELIVERED: 1, FAILED: 1, HELD: 1 });
    for (const status of ["DELIVERED", "FAILED", "HELD"] as const) {
      expect((await idsOf({ formId: "contact", status })).length).toBe(1);
      expect(await countMatching(database.db, { formId: "contact", status })).toBe(1);
    }
    expect(await facetValues(database.db, "formId")).toEqual(["contact", "event"]);
    expect(await facetValues(database.db, "partnerId")).toEqual(["acme"]);
    expect(await facetValues(database.db, "locationId")).toEqual(["loc-a", "loc-b"]);
  });

  it("gives the bulk actions the same rows as the list: releasing all matching a search releases what it shows", async () => {
    await add(contactForm, lead(1, { lastName: "Spammer" }), { status: "HELD", heldReason: "flood" });
    await add(contactForm, lead(2, { lastName: "Person" }), { status: "HELD", heldReason: "flood" });
    const filter: OutboxFilter = { status: "HELD", heldReason: "flood", search: "spam" };
    expect(await countMatching(database.db, filter)).toBe(1);
    expect((await applyBulk(database.db, "release", { filter })).changed).toBe(1);
    expect(await idsOf({ status: "HELD" })).toHaveLength(1);
  });

  it("reads URL parameters, ignoring unknown or malformed values instead of failing", () => {
    expect(parseOutboxQuery({ status: "FAILED", form: "contact", from: "2026-03-01", to: "2026-02-30", reason: "flood", page: "7" })).toEqual({
      status: "FAILED",
      formId: "contact",
      from: "2026-03-01",
    });
    expect(parseOutboxQuery({ status: "NOPE", form: "<script>", partner: ["acme", "x"], q: "short" })).toEqual({ partnerId: "acme" });
    expect(parseOutboxQuery({ order: "oldest" })).toEqual({ order: "oldest" });
    expect(parseOutboxQuery({ order: "sideways" })).toEqual({});
    expect(parseOutboxQuery(new URLSearchParams("status=HELD&reason=flood&location=loc-b"))).toEqual({
      status: "HELD",
      heldReason: "flood",
      locationId: "loc-b",
    });
  });
});

describe("the outbox search", () => {
  it("matches part of a name, an email in any case, a phone number however it is typed, and a company", async () => {
    const ada = await add(contactForm, {
      firstName: "Ada",
      lastName: "Lovelace",
      email: "ada@analytical.example",
      phone: "+1 202 555 0143",
      companyName: "Engines Ltd",
    });
    const grace = await add(eventForm, { fullName: "Grace Hopper", workEmail: "Grace@Navy.example", mobile: "020 7946 0958", notes: "Ada fan, Engines" });
    const search = (term: string) => idsOf({ search: term });

    expect(await search("lovel")).toEqual([ada]);
    expect(await search("ADA@ANALYT")).toEqual([ada]);
    expect(await search("grace@navy")).toEqual([grace]); // stored lowercased, searched in any case
    expect(await search("(202) 555-0143")).toEqual([ada]);
    expect(await search("2025550143")).toEqual([ada]);
    expect(await search("+44 20 7946 0958")).toEqual([grace]); // typed as national "020…", stored E.164
    expect(await search("engines ltd")).toEqual([ada]);
    // Found through the form's mapping (fullName → name), never through a field nobody searches (notes).
    expect(await search("hopper")).toEqual([grace]);
    expect(await search("Ada")).toEqual([ada]);
    expect(await search("fan")).toEqual([]);
    // LIKE's wildcards are characters like any other.
    expect(await search("%")).toEqual([]);
    expect(await search("_")).toEqual([]);
  });

  it("is served by the trigram index", async () => {
    await add(contactForm, lead(1));
    // A handful of rows make a sequential scan cheapest; forbidding it shows the index can answer the search.
    const plan = await database.db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      return tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN SELECT id FROM "Submission" WHERE ${filterSql({ search: "lead1@exa" })}`;
    });
    expect(plan.map((line) => line["QUERY PLAN"]).join("\n")).toContain('Bitmap Index Scan on "Submission_searchText_trgm_idx"');
  });
});

describe("keyset pages", () => {
  it("stay the same rows while new submissions arrive, and count the arrivals above the newest page", async () => {
    const base = Date.parse("2026-03-01T00:00:00Z");
    const ids: string[] = [];
    // 120 rows, some sharing a createdAt: the id breaks the tie.
    for (let i = 0; i < 120; i++) ids.push(await add(contactForm, lead(i), { createdAt: new Date(base + Math.floor(i / 3) * 1000).toISOString() }));
    const order = (await database.db.$queryRaw<{ id: string }[]>`SELECT id FROM "Submission" ORDER BY "createdAt" DESC, id DESC`).map((r) => r.id);
    const rowsOf = (page: OutboxPage) => page.rows.map((r) => r.id);

    const first = await listOutboxPage(database.db, {}, { kind: "first" });
    expect(rowsOf(first)).toEqual(order.slice(0, 50));
    expect(first.newer).toBeNull();
    expect(first.top).toBe(true);

    // Five arrive while the marketer reads the first page.
    for (let i = 0; i < 5; i++) await add(contactForm, lead(200 + i));
    expect(await countNewer(database.db, {}, cursorOf(first.rows[0]))).toBe(5);
    expect(await countNewer(database.db, { search: "lead201@" }, cursorOf(first.rows[0]))).toBe(1);
    const pinned = await listOutboxPage(database.db, {}, { kind: "at", cursor: cursorOf(first.rows[0]) });
    expect(rowsOf(pinned)).toEqual(rowsOf(first));

    const second = await listOutboxPage(database.db, {}, { kind: "older", cursor: first.older! });
    expect(rowsOf(second)).toEqual(order.slice(50, 100));
    const third = await listOutboxPage(database.db, {}, { kind: "older", cursor: second.older! });
    expect(rowsOf(third)).toEqual(order.slice(100, 120));
    expect(third.older).toBeNull();

    const back = await listOutboxPage(database.db, {}, { kind: "newer", cursor: third.newer! });
    expect(rowsOf(back)).toEqual(order.slice(50, 100));
    expect(back.newer).not.toBeNull();
    // The page the marketer first saw, then the arrivals above it: the newest page, shown whole.
    const before = await listOutboxPage(database.db, {}, { kind: "newer", cursor: back.newer! });
    expect(rowsOf(before)).toEqual(order.slice(0, 50));
    expect(before.top).toBe(false);
    const top = await listOutboxPage(database.db, {}, { kind: "newer", cursor: before.newer! });
    expect(top.top).toBe(true);
    expect(top.newer).toBeNull();
    expect(rowsOf(top).slice(5)).toEqual(order.slice(0, 45));
  });

  it("run oldest first too: Newer goes down the list, Older back up, both stable while submissions arrive at its end", async () => {
    const base = Date.parse("2026-03-01T00:00:00Z");
    for (let i = 0; i < 120; i++) await add(contactForm, lead(i), { createdAt: new Date(base + Math.floor(i / 3) * 1000).toISOString() });
    const order = (await database.db.$queryRaw<{ id: string }[]>`SELECT id FROM "Submission" ORDER BY "createdAt", id`).map((r) => r.id);
    const rowsOf = (page: OutboxPage) => page.rows.map((r) => r.id);
    const oldest: OutboxFilter = { order: "oldest" };

    const first = await listOutboxPage(database.db, oldest, { kind: "first" });
    expect(rowsOf(first)).toEqual(order.slice(0, 50));
    expect([first.older, first.top]).toEqual([null, true]);

    // Five arrive while the marketer reads: they belong after the last page, and shift no page before it.
    for (let i = 0; i < 5; i++) await add(contactForm, lead(200 + i));
    const second = await listOutboxPage(database.db, oldest, { kind: "newer", cursor: first.newer! });
    expect(rowsOf(second)).toEqual(order.slice(50, 100));
    expect(second.top).toBe(false);
    const third = await listOutboxPage(database.db, oldest, { kind: "newer", cursor: second.newer! });
    expect(rowsOf(third).slice(0, 20)).toEqual(order.slice(100, 120));
    expect(rowsOf(third)).toHaveLength(25); // the arrivals, at the end
    expect(third.newer).toBeNull();

    const back = await listOutboxPage(database.db, oldest, { kind: "older", cursor: third.older! });
    expect(rowsOf(back)).toEqual(order.slice(50, 100));
    const start = await listOutboxPage(database.db, oldest, { kind: "older", cursor: back.older! });
    expect(rowsOf(start)).toEqual(order.slice(0, 50));
    expect([start.older, start.top]).toEqual([null, true]);
    // The same rows as newest first, the other way round.
    const newestFirst = (await listOutboxPage(database.db, {}, { kind: "first" }, 1000)).rows.map((r) => r.id);
    expect([...newestFirst].reverse()).toEqual((await listOutboxPage(database.db, oldest, { kind: "first" }, 1000)).rows.map((r) => r.id));
  });

  it.each([{}, { status: "FAILED" as const }, { formId: "contact" }])(
    "oldest first is served by the descending keyset indexes, read backward (%j)",
    async (filter) => {
      await add(contactForm, lead(1));
      // A handful of rows make a sort cheapest; forbidding it (and the scan) shows an index answers the order.
      const plan = await database.db.$transaction(async (tx) => {
        await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
        await tx.$executeRaw`SET LOCAL enable_sort = off`;
        return tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${pageSql({ ...filter, order: "oldest" }, { kind: "first" })}`);
      });
      const text = plan.map((line) => line["QUERY PLAN"]).join("\n");
      expect(text).toMatch(/Index Scan Backward using "Submission_(status_|formId_)?createdAt_id_idx"/);
      expect(text).not.toContain("Sort");
    },
  );
});
