// Export CSV against real PostgreSQL: 10,000 rows seeded directly come back as exactly the rows of the filter, read
// through a cursor a batch at a time and only as fast as the reader reads, with cells quoted and formulas defused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { poolOf } from "@/lib/db/client";
import { defineForm } from "@/lib/forms/definition";
import { exportOutboxCsv } from "@/lib/outbox/export";
import { contactForm } from "../../support/forms";
import { parseCsv } from "../support/csv";
import { createTestDatabase, type TestDatabase } from "../support/database";

const quoteForm = defineForm({
  id: "quote",
  title: "Quote",
  submitLabel: "Send",
  thankYou: "Thanks",
  tags: [],
  defaultCountry: "US",
  fields: [
    { name: "email", label: "Work email", kind: "email", maps: "email" },
    { name: "budget", label: "Budget", kind: "text" },
  ],
});
const catalog = { find: (id: string) => [contactForm, quoteForm].find((f) => f.id === id), all: () => [contactForm, quoteForm] };

let database: TestDatabase;
const ROWS = 10_000;
const TRICKY = 'Line one, with "quotes"\nline two';

beforeAll(async () => {
  database = await createTestDatabase();
  // 10,000 Failed contact submissions a second apart, one carrying utm values, plus Delivered and quote rows the filter leaves out.
  await database.db.$executeRaw`
    INSERT INTO "Submission" (id, "formId", "locationId", fields, status, "attemptCount", "lastError", "createdAt", "updatedAt", attribution, "partnerId")
    SELECT gen_random_uuid(), 'contact', 'loc', jsonb_build_object('firstName', 'Lead' || g, 'email', 'lead' || g || '@example.com', 'marketingConsent', true),
      'FAILED', 3, 'HTTP 422: invalid', timestamptz '2026-03-01T00:00:00Z' + g * interval '1 second', now(),
      CASE WHEN g = 1 THEN '{"utm":{"utm_source":"newsletter","utm_campaign":"spring, 2026"}}'::jsonb END, CASE WHEN g = 1 THEN 'acme' END
    FROM generate_series(1, ${ROWS - 2}::int) g`;
  await database.db.$executeRaw`
    INSERT INTO "Submission" (id, "formId", "locationId", fields, status, "createdAt", "updatedAt") VALUES
      (gen_random_uuid(), 'contact', 'loc', ${JSON.stringify({ firstName: '=HYPERLINK("http://evil")', lastName: "-2+3", email: "x@example.com" })}::jsonb,
        'FAILED', '2026-02-01T00:00:00Z', now()),
      (gen_random_uuid(), 'contact', 'loc', ${JSON.stringify({ firstName: TRICKY, companyName: "@SUM(A1)", email: "y@example.com" })}::jsonb,
        'FAILED', '2026-02-02T00:00:00Z', now()),
      (gen_random_uuid(), 'contact', 'loc', '{"firstName":"Delivered"}', 'DELIVERED', now(), now()),
      (gen_random_uuid(), 'quote', 'loc', '{"email":"q@example.com","budget":"1000"}', 'FAILED', now(), now())`;
}, 60_000);
afterAll(() => database.drop());

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

describe("Export CSV", () => {
  it("streams exactly the rows of the filter, newest first, with a BOM, one column per field and the fixed columns", async () => {
    const result = await exportOutboxCsv(poolOf(database.db), catalog, { status: "FAILED", formId: "contact" });
    expect(result.rows).toBe(ROWS);
    const text = await readAll(result.stream);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...records] = parseCsv(text.slice(1));
    expect(header).toEqual([
      ...contactForm.fields.map((f) => f.label),
      "Submitted (UTC)",
      "Status",
      "Attempts",
      "Last error",
      "Contact id",
      "Partner",
      "utm_source",
      "utm_medium",
      "utm_campaign",
      "utm_term",
      "utm_content",
    ]);
    expect(records).toHaveLength(ROWS);
    expect(records.every((r) => r.length === header.length)).toBe(true);
    const column = (name: string) => header.indexOf(name);
    expect(records[0][column("First name")]).toBe(`Lead${ROWS - 2}`);
    expect(records[0][column("Submitted (UTC)")]).toBe(new Date(Date.parse("2026-03-01T00:00:00Z") + (ROWS - 2) * 1000).toISOString());
    expect(records[0][column("Attempts")]).toBe("3");
    expect(records[0][column(contactForm.fields.find((f) => f.name === "marketingConsent")!.label)]).toBe("yes");
    const first = records.find((r) => r[column("First name")] === "Lead1")!;
    expect([first[column("Partner")], first[column("utm_source")], first[column("utm_campaign")]]).toEqual(["acme", "newsletter", "spring, 2026"]);
    expect(records.some((r) => r[column("First name")] === "Delivered" || r[column("Email")] === "q@example.com")).toBe(false);
  });

  it("follows the list's order: oldest first when the view asks for it", async () => {
    const result = await exportOutboxCsv(poolOf(database.db), catalog, { status: "FAILED", formId: "contact", order: "oldest" });
    const [header, ...records] = parseCsv((await readAll(result.stream)).slice(1));
    const submitted = records.map((r) => r[header.indexOf("Submitted (UTC)")]);
    expect(records).toHaveLength(ROWS);
    expect(submitted.slice(0, 3)).toEqual(["2026-02-01T00:00:00.000Z", "2026-02-02T00:00:00.000Z", "2026-03-01T00:00:01.000Z"]);
    expect(submitted).toEqual([...submitted].sort());
  });

  it("defuses cells a spreadsheet would run as formulas, and round-trips commas, quotes and line breaks", async () => {
    const text = await readAll((await exportOutboxCsv(poolOf(database.db), catalog, { status: "FAILED", to: "2026-02-28" })).stream);
    expect(text).toContain(`"${TRICKY.replace(/"/g, '""')}"`);
    const [header, ...records] = parseCsv(text.slice(1));
    expect(records).toHaveLength(2);
    const byEmail = new Map(records.map((r) => [r[header.indexOf("Email")], r]));
    expect(byEmail.get("x@example.com")![header.indexOf("First name")]).toBe(`'=HYPERLINK("http://evil")`);
    expect(byEmail.get("x@example.com")![header.indexOf("Last name")]).toBe("'-2+3");
    expect(byEmail.get("y@example.com")![header.indexOf("Company")]).toBe("'@SUM(A1)");
    expect(byEmail.get("y@example.com")![header.indexOf("First name")]).toBe(TRICKY);
  });

  it("takes the union of the forms' fields, each form's in its order, a shared name keeping the first form's label", async () => {
    const text = await readAll((await exportOutboxCsv(poolOf(database.db), catalog, { from: "2026-06-01" })).stream);
    const [header, ...records] = parseCsv(text.slice(1));
    expect(header.slice(0, contactForm.fields.length + 1)).toEqual([...contactForm.fields.map((f) => f.label), "Budget"]);
    expect(records).toHaveLength(2);
  });

  it("fetches a batch only when the reader asks: a reader that stops after the first rows leaves the rest in the database", async () => {
    const fetched: number[] = [];
    const heapBefore = process.memoryUsage().heapUsed;
    const { stream } = await exportOutboxCsv(poolOf(database.db), catalog, { status: "FAILED" }, { onFetch: (n) => fetched.push(n) });
    const reader = stream.getReader();
    await reader.read(); // the header
    const { value } = await reader.read(); // the first batch
    expect(new TextDecoder().decode(value).split("\r\n").length - 1).toBe(500);
    // Backpressure: at most one batch beyond what was read has been fetched, of 10,000 rows.
    await new Promise((resolve) => setImmediate(resolve));
    expect(fetched.at(-1)).toBeLessThanOrEqual(1000);
    let rows = 500;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rows += new TextDecoder().decode(chunk.value).split("\r\n").length - 1;
    expect(rows).toBe(ROWS + 1);
    expect(fetched).toEqual(Array.from({ length: 21 }, (_, i) => Math.min((i + 1) * 500, ROWS + 1)));
    // Nothing accumulated the result: the heap grew by far less than the export's ~1 MB of text would need several times over.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024);
  });

  it("gives the cursor's connection back when the download is cancelled", async () => {
    const pool = poolOf(database.db);
    const { stream } = await exportOutboxCsv(pool, catalog, {});
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(pool.idleCount).toBe(pool.totalCount);
    // The same pool answers a query at once: the connection was rolled back and returned, not left in a transaction.
    expect(await database.db.$queryRaw`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
  });
});
