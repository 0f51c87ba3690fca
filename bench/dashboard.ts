// The dashboard's outbox queries at 100,000 submissions: the first page and the tab counts for each filter and for
// search, timed from Node (median of several runs), Export CSV of every row (time, rows/s, and how much the process's
// RSS grew while it streamed), then each plan with EXPLAIN (ANALYZE, BUFFERS). Runs the very statements the page and
// the export route run (lib/outbox/listing.ts, lib/outbox/export.ts) on a throw-away embedded PostgreSQL.
// Usage: npm run bench:dashboard   (BENCH_PORT_BASE moves its port; ROWS changes the row count); `npm run bench` ends with it.
import { performance } from "node:perf_hooks";
import { createDatabase, poolOf, type Database } from "@/lib/db/client";
import { startTemporaryPostgres } from "@/lib/db/embedded";
import { Prisma } from "@/lib/db/generated/client";
import { migrate } from "@/lib/db/migrate";
import { exportOutboxCsv } from "@/lib/outbox/export";
import type { OutboxFilter } from "@/lib/outbox/filter";
import { countNewer, cursorOf, listOutboxPage, pageSql, statusCountsSql } from "@/lib/outbox/listing";
import { contactForm, webinarForm } from "../support/forms";

const ROWS = Number(process.env.ROWS ?? 100_000);
const RUNS = 7;
const TARGET_MS = 200;
const PORT = Number(process.env.BENCH_PORT_BASE ?? 3320) + 11;
const EXPORT_RUNS = 3;
// The seeded rows all carry the contact form's fields, whatever their form: one column per field, as in production.
const EXPORT_FORMS = { find: (id: string) => (id === "webinar" ? webinarForm : contactForm), all: () => [contactForm, webinarForm] };

const SCENARIOS: { label: string; filter: OutboxFilter }[] = [
  { label: "all", filter: {} },
  { label: "all, oldest first", filter: { order: "oldest" } },
  { label: "status Failed (5%)", filter: { status: "FAILED" } },
  { label: "status Held, reason flood", filter: { status: "HELD", heldReason: "flood" } },
  { label: "form webinar (20%)", filter: { formId: "webinar" } },
  { label: "partner beta (0.5%)", filter: { partnerId: "beta" } },
  { label: "location loc-b (30%)", filter: { locationId: "loc-b" } },
  { label: "one week", filter: { from: "2026-06-01", to: "2026-06-07" } },
  { label: "one week, status Failed", filter: { status: "FAILED", from: "2026-06-01", to: "2026-06-07" } },
  { label: "search name part 'lovel' (1%)", filter: { search: "lovel" } },
  { label: "search email part (1 row)", filter: { search: "Lovelace4242@" } },
  { label: "search phone '(202) 555-4242'", filter: { search: "(202) 555-4242" } },
  { label: "search company 'engines' (5%)", filter: { search: "engines" } },
  { label: "search 'example' (every row)", filter: { search: "example" } },
  { label: "search two letters 'ov'", filter: { search: "ov" } },
  { label: "search 'lovel' + status Delivered", filter: { search: "lovel", status: "DELIVERED" } },
];

const postgres = await startTemporaryPostgres("bench-dashboard", { port: PORT });
const db = createDatabase(postgres.url);
try {
  await migrate(postgres.url);
  const seeded = performance.now();
  await seed(db, ROWS);
  console.log(`Seeded ${ROWS.toLocaleString("en")} submissions in ${((performance.now() - seeded) / 1000).toFixed(1)} s\n`);

  const results = [];
  for (const { label, filter } of SCENARIOS) {
    const first = await listOutboxPage(db, filter, { kind: "first" });
    const list = await median(() => listOutboxPage(db, filter, { kind: "first" }));
    // Page 2 is down the list: older rows newest first, newer ones oldest first.
    const ahead = filter.order === "oldest" ? "newer" : "older";
    const next = first[ahead];
    const older = next ? await median(() => listOutboxPage(db, filter, { kind: ahead, cursor: next })) : null;
    const counts = await median(() => db.$queryRaw(statusCountsSql(filter)));
    const poll = await median(() => countNewer(db, filter, first.rows[0] ? cursorOf(first.rows[0]) : null));
    const [{ matched }] = await db.$queryRaw<{ matched: number }[]>(
      Prisma.sql`SELECT count(*)::int AS matched FROM (${pageSql(filter, { kind: "first" }, ROWS)}) AS m`,
    );
    results.push({ label, filter, first, list, older, counts, poll, matched });
  }

  const cell = (ms: number | null) => (ms === null ? "-" : `${ms.toFixed(1)}${ms > TARGET_MS ? " !" : ""}`).padStart(9);
  console.log(`Median of ${RUNS} runs, ms from Node (Prisma + pg + PostgreSQL); target ${TARGET_MS} ms each ("!" over it)\n`);
  console.log(`| ${"filter".padEnd(34)} | ${"matches".padStart(7)} | first page | page 2    | tab counts | poll      |`);
  console.log(`|${"-".repeat(36)}|---------|------------|-----------|------------|-----------|`);
  for (const r of results)
    console.log(`| ${r.label.padEnd(34)} | ${String(r.matched).padStart(7)} | ${cell(r.list)}  | ${cell(r.older)} | ${cell(r.counts)}  | ${cell(r.poll)} |`);

  const exports = [];
  for (let i = 0; i < EXPORT_RUNS; i++) exports.push(await timeExport(db));
  const exported = exports.sort((a, b) => a.ms - b.ms)[Math.floor(EXPORT_RUNS / 2)];
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log(`\nExport CSV of every row (all filters off), median of ${EXPORT_RUNS} runs, read as fast as Node takes it:\n`);
  console.log(`| rows | time | rows/s | CSV size | peak RSS growth (largest of the runs) |`);
  console.log(`|---:|---:|---:|---:|---:|`);
  console.log(
    `| ${exported.rows.toLocaleString("en")} | ${(exported.ms / 1000).toFixed(2)} s | ${Math.round(exported.rows / (exported.ms / 1000)).toLocaleString("en")} | ${mb(exported.bytes)} | ${mb(Math.max(...exports.map((e) => e.rssGrowth)))} |`,
  );

  for (const r of results) {
    console.log(`\n### ${r.label}\n\nFirst page:\n${await explain(db, pageSql(r.filter, { kind: "first" }))}`);
    console.log(`\nTab counts:\n${await explain(db, statusCountsSql(r.filter))}`);
  }
} finally {
  await db.$disconnect();
  await postgres.stop();
}

/**
 * One Export CSV of every row, read to the end: its time, its size, and the peak of the process's RSS above where it
 * started, sampled at every chunk (a FETCH of 500 rows) and every 10 ms. A stream holds one batch; a buffered export
 * would grow by about the CSV's size.
 */
async function timeExport(database: Database): Promise<{ rows: number; ms: number; bytes: number; rssGrowth: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sample = () => (peak = Math.max(peak, process.memoryUsage.rss()));
  const timer = setInterval(sample, 10);
  try {
    const started = performance.now();
    const { rows, stream } = await exportOutboxCsv(poolOf(database), EXPORT_FORMS, {});
    let bytes = 0;
    const reader = stream.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      bytes += chunk.value.byteLength;
      sample();
    }
    return { rows, ms: performance.now() - started, bytes, rssGrowth: peak - before };
  } finally {
    clearInterval(timer);
  }
}

async function median(run: () => Promise<unknown>): Promise<number> {
  await run(); // warm: plans and pages cached, as on a dashboard in use
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

async function explain(database: Database, sql: Prisma.Sql): Promise<string> {
  const rows = await database.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
  return rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n");
}

/**
 * 100,000 submissions over a year: three forms, every status (mostly Delivered, as in life), two partners, three
 * locations; searchText written as the insert writes it (lib/submission/search-text.ts). Names repeat (100 last names),
 * emails and phones are nearly unique.
 */
async function seed(database: Database, rows: number) {
  await database.$executeRawUnsafe(`SELECT setseed(0.42)`);
  await database.$executeRawUnsafe(`
    WITH src AS (
      SELECT i,
        (ARRAY['Ada','Grace','Alan','Edsger','Barbara','Donald','Frances','John','Margaret','Ken'])[1 + i % 10] AS first,
        CASE WHEN i % 100 = 42 THEN 'Lovelace' ELSE 'Surname' || (i % 100) END AS last,
        (ARRAY['Engines Ltd','Acme Corp','Initech','Globex','Umbrella','Hooli','Vandelay','Soylent','Tyrell','Wonka',
               'Stark','Wayne','Cyberdyne','Gringotts','Oscorp','Pied Piper','Aperture','Black Mesa','Monarch','Dunder'])[1 + i % 20] AS company,
        '+1202555' || lpad((i % 10000)::text, 4, '0') AS phone,
        CASE WHEN i % 10 < 5 THEN 'contact' WHEN i % 10 < 8 THEN 'quote' ELSE 'webinar' END AS form,
        CASE WHEN i % 100 < 80 THEN 'DELIVERED' WHEN i % 100 < 85 THEN 'PENDING' WHEN i % 100 < 88 THEN 'RETRYING'
             WHEN i % 100 < 93 THEN 'FAILED' WHEN i % 100 < 98 THEN 'HELD' ELSE 'DISCARDED' END AS status,
        CASE WHEN i % 200 = 7 THEN 'beta' WHEN i % 10 = 3 THEN 'acme' END AS partner,
        (ARRAY['loc-a','loc-a','loc-b','loc-c','loc-a','loc-b','loc-a','loc-c','loc-b','loc-a'])[1 + (i / 7) % 10] AS location,
        timestamptz '2026-11-28 00:00:00Z' - random() * interval '365 days' AS created
      FROM generate_series(1, ${rows}) AS i
    )
    INSERT INTO "Submission" (id, "formId", "locationId", fields, status, "heldReason", "partnerId", "createdAt", "updatedAt", "searchText", "attemptCount", "lastError")
    SELECT gen_random_uuid(), form, location,
      jsonb_build_object('firstName', first, 'lastName', last, 'email', lower(first || '.' || last || i || '@example.com'), 'phone', phone, 'companyName', company),
      status::"SubmissionStatus",
      CASE WHEN status = 'HELD' THEN (ARRAY['honeypot','too_fast','flood'])[1 + i % 3]::"HeldReason" END,
      partner, created, created,
      lower(concat_ws(E'\\n', first, last, first || '.' || last || i || '@example.com', phone, substr(phone, 2), company)),
      CASE WHEN status = 'FAILED' THEN 10 WHEN status = 'DELIVERED' THEN 1 ELSE 0 END,
      CASE WHEN status = 'FAILED' THEN 'HTTP 422: property x should not exist' END
    FROM src`);
  await database.$executeRawUnsafe(`VACUUM ANALYZE "Submission"`);
}
