import { createHash } from "node:crypto";
import type { Database } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { ContactLink, HeldReason, SubmissionStatus } from "@/lib/db/generated/enums";
import { filterSql, orderSql, type OutboxFilter } from "./filter";

export const PAGE_SIZE = 50;

/** A row's place in the list's order (createdAt, id; newest or oldest first): pages start after one, so new rows never shift them. */
export type Cursor = { createdAt: Date; id: string };

/**
 * Which page: the first in the list's order (`first`), the rows older or newer than a cursor, or the first page pinned
 * `at` its top row (what the newest page becomes once new rows arrive, so refreshing it does not make the table jump).
 */
export type PageRequest = { kind: "first" } | { kind: "older" | "newer" | "at"; cursor: Cursor };

export type OutboxRow = {
  id: string;
  createdAt: Date;
  formId: string;
  fields: Record<string, unknown>;
  status: SubmissionStatus;
  attemptCount: number;
  lastError: string | null;
  contactId: string | null;
  contactLink: ContactLink | null;
  heldReason: HeldReason | null;
  /** Set once retention removed its personal data. */
  scrubbedAt: Date | null;
};

export type OutboxPage = {
  rows: OutboxRow[];
  /** Set when there are older rows than this page's: their page starts after this cursor. */
  older: Cursor | null;
  /** Set when there are newer rows than this page's (never on the newest page newest first: new arrivals are announced). */
  newer: Cursor | null;
  /** True for the first page in the list's order (first or pinned); newest first, the one that announces new arrivals. */
  top: boolean;
};

const COLUMNS = Prisma.sql`id, "createdAt", "formId", fields, status, "attemptCount", "lastError", "contactId", "contactLink", "heldReason", "scrubbedAt"`;

export function encodeCursor(cursor: Cursor): string {
  return `${cursor.createdAt.getTime()}_${cursor.id}`;
}

/** A cursor from a URL; null when it is not one (then the first page is shown). */
export function decodeCursor(text: string | undefined | null): Cursor | null {
  const match = /^(\d{1,15})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(text ?? "");
  return match ? { createdAt: new Date(Number(match[1])), id: match[2] } : null;
}

export const cursorOf = (row: { createdAt: Date; id: string }): Cursor => ({ createdAt: row.createdAt, id: row.id });

/** The page request that goes down the list's order: older rows newest first, newer rows oldest first. */
const aheadKind = (filter: OutboxFilter) => (filter.order === "oldest" ? "newer" : "older");

/** A page before its cursor in the list's order (back up the list): read backwards, then turned round. */
const readsBackward = (filter: OutboxFilter, request: PageRequest) => request.kind !== "first" && request.kind !== "at" && request.kind !== aheadKind(filter);

/** The statement behind one page: `size + 1` rows, to know whether another page follows. Pages before a cursor read backwards. */
export function pageSql(filter: OutboxFilter, request: PageRequest, size = PAGE_SIZE): Prisma.Sql {
  const where = filterSql(filter);
  const ascending = filter.order === "oldest";
  const key = Prisma.sql`("createdAt", id)`;
  const at = request.kind === "first" ? null : Prisma.sql`(${request.cursor.createdAt}, ${request.cursor.id}::uuid)`;
  if (readsBackward(filter, request))
    return Prisma.sql`
      SELECT ${COLUMNS} FROM "Submission"
      WHERE ${where} AND ${key} ${Prisma.raw(ascending ? "<" : ">")} ${at}
      ORDER BY ${orderSql(filter, true)} LIMIT ${size + 1}`;
  const bound = at === null ? Prisma.sql`TRUE` : Prisma.sql`${key} ${Prisma.raw((ascending ? ">" : "<") + (request.kind === "at" ? "=" : ""))} ${at}`;
  return Prisma.sql`
    SELECT ${COLUMNS} FROM "Submission" WHERE ${where} AND ${bound}
    ORDER BY ${orderSql(filter)} LIMIT ${size + 1}`;
}

/** One page of the outbox in the filter's order (newest first unless `order: "oldest"`), keyset-paginated on (createdAt, id). */
export async function listOutboxPage(database: Database, filter: OutboxFilter, request: PageRequest, size = PAGE_SIZE): Promise<OutboxPage> {
  const rows = await database.$queryRaw<OutboxRow[]>(pageSql(filter, request, size));
  // The cursor down the list and the one back up, named by time: newest first, down is older.
  const links = (ahead: Cursor | null, behind: Cursor | null) =>
    filter.order === "oldest" ? { newer: ahead, older: behind } : { older: ahead, newer: behind };
  if (readsBackward(filter, request)) {
    // Nothing beyond this page going back: it is the first page, shown whole.
    if (rows.length <= size) return listOutboxPage(database, filter, { kind: "first" }, size);
    const page = rows.slice(0, size).reverse();
    return { rows: page, ...links(cursorOf(page[page.length - 1]), cursorOf(page[0])), top: false };
  }
  const page = rows.slice(0, size);
  const ahead = rows.length > size ? cursorOf(page[page.length - 1]) : null;
  if (request.kind !== aheadKind(filter)) return { rows: page, ...links(ahead, null), top: true };
  return { rows: page, ...links(ahead, page.length > 0 ? cursorOf(page[0]) : request.cursor), top: false };
}

/** How many rows matching the filter are newer than `top` (all of them when the page was empty). */
export async function countNewer(database: Database, filter: OutboxFilter, top: Cursor | null): Promise<number> {
  const bound = top ? Prisma.sql`("createdAt", id) > (${top.createdAt}, ${top.id}::uuid)` : Prisma.sql`TRUE`;
  const [{ count }] = await database.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM "Submission" WHERE ${filterSql(filter)} AND ${bound}`;
  return count;
}

/** The statement behind the tab counts: every status under the filter's other conditions (its status and held reason left out). */
export function statusCountsSql(filter: OutboxFilter): Prisma.Sql {
  return Prisma.sql`
    SELECT status, count(*)::int AS count FROM "Submission"
    WHERE ${filterSql({ ...filter, status: undefined, heldReason: undefined })} GROUP BY status`;
}

export async function countByStatus(database: Database, filter: OutboxFilter): Promise<Partial<Record<SubmissionStatus, number>>> {
  const rows = await database.$queryRaw<{ status: SubmissionStatus; count: number }[]>(statusCountsSql(filter));
  return Object.fromEntries(rows.map((r) => [r.status, r.count]));
}

/** How many submissions a filter matches: what a bulk action names before it runs. */
export async function countMatching(database: Database, filter: OutboxFilter): Promise<number> {
  const [{ count }] = await database.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM "Submission" WHERE ${filterSql(filter)}`;
  return count;
}

type Versioned = Pick<OutboxRow, "id" | "status" | "attemptCount" | "lastError" | "contactId" | "heldReason">;

/** A digest of what the list shows of its rows: the poll compares it to refresh the page only when one changed. */
export function rowsVersion(rows: Versioned[]): string {
  const seen = rows.map((r) => [r.id, r.status, r.attemptCount, r.lastError, r.contactId, r.heldReason]);
  return createHash("sha256").update(JSON.stringify(seen)).digest("base64url").slice(0, 22);
}

/** The digest of the rows a page shows, read again by id (a row gone is a change too). */
export async function currentVersion(database: Database, ids: string[]): Promise<string> {
  if (ids.length === 0) return rowsVersion([]);
  const rows = await database.$queryRaw<Versioned[]>`
    SELECT id, status, "attemptCount", "lastError", "contactId", "heldReason" FROM "Submission" WHERE id = ANY(${ids}::uuid[])`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rowsVersion(ids.flatMap((id) => byId.get(id) ?? []));
}

const FACETS = { formId: Prisma.raw(`"formId"`), partnerId: Prisma.raw(`"partnerId"`), locationId: Prisma.raw(`"locationId"`) };

/** The values a column takes, for the filter's choices: a skip scan over its index, a few lookups however many rows. */
export async function facetValues(database: Database, facet: keyof typeof FACETS): Promise<string[]> {
  const column = FACETS[facet];
  const rows = await database.$queryRaw<{ value: string }[]>`
    WITH RECURSIVE seen(value) AS (
      (SELECT ${column} FROM "Submission" WHERE ${column} IS NOT NULL ORDER BY ${column} LIMIT 1)
      UNION ALL
      SELECT (SELECT ${column} FROM "Submission" WHERE ${column} > seen.value ORDER BY ${column} LIMIT 1) FROM seen WHERE seen.value IS NOT NULL
    )
    SELECT value FROM seen WHERE value IS NOT NULL`;
  return rows.map((r) => r.value);
}
