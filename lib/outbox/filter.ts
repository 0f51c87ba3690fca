import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { HeldReason, SubmissionStatus } from "@/lib/db/generated/enums";

/**
 * The one description of "which submissions": the dashboard's list, its tab counts, the new-arrivals poll and the bulk
 * actions all turn it into the same WHERE (`filterSql`), so they always agree. Dates are whole days in UTC.
 */
export type OutboxFilter = {
  status?: SubmissionStatus;
  formId?: string;
  partnerId?: string;
  locationId?: string;
  /** Only with status HELD: why it was held. */
  heldReason?: HeldReason;
  /** First day included, `YYYY-MM-DD` in UTC. */
  from?: string;
  /** Last day included, `YYYY-MM-DD` in UTC. */
  to?: string;
  /** Plain search term (never in a URL: the URL carries it sealed, see lib/dashboard/search-seal.ts). */
  search?: string;
  /** How the list and Export CSV sort the rows by submitted time: newest first unless `oldest`. No WHERE reads it. */
  order?: "oldest";
};

/** The filter as it travels in the URL: the search term is sealed, everything else is plain. */
export type OutboxQuery = Omit<OutboxFilter, "search"> & { sealedSearch?: string };

export const MAX_SEARCH_LENGTH = 100;

const id = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/);
const day = z.iso.date();
// Each parameter on its own: an unknown or malformed value is dropped, never an error page.
const params = {
  status: z.enum(SubmissionStatus),
  form: id,
  partner: id,
  location: id,
  reason: z.enum(HeldReason),
  from: day,
  to: day,
  q: z.string().regex(/^[A-Za-z0-9_-]{20,1000}$/),
  order: z.literal("oldest"),
};

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function read(source: Params, name: string): unknown {
  if (source instanceof URLSearchParams) return source.get(name) ?? undefined;
  const value = source[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the filter from a URL's search parameters; what does not parse is left out. */
export function parseOutboxQuery(source: Params): OutboxQuery {
  const get = <K extends keyof typeof params>(name: K) => {
    const parsed = params[name].safeParse(read(source, name));
    return parsed.success ? (parsed.data as z.infer<(typeof params)[K]>) : undefined;
  };
  const status = get("status");
  const query: OutboxQuery = {
    status,
    formId: get("form"),
    partnerId: get("partner"),
    locationId: get("location"),
    heldReason: status === "HELD" ? get("reason") : undefined,
    from: get("from"),
    to: get("to"),
    sealedSearch: get("q"),
    order: get("order"),
  };
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as OutboxQuery;
}

/** The URL parameters for a filter (the search already sealed); the inverse of parseOutboxQuery. */
export function outboxQueryParams(query: OutboxQuery): URLSearchParams {
  const out = new URLSearchParams();
  const set = (name: string, value: string | undefined) => value && out.set(name, value);
  set("status", query.status);
  set("form", query.formId);
  set("partner", query.partnerId);
  set("location", query.locationId);
  set("reason", query.status === "HELD" ? query.heldReason : undefined);
  set("from", query.from);
  set("to", query.to);
  set("q", query.sealedSearch);
  set("order", query.order);
  return out;
}

/** The WHERE for a filter: parameterised, one place for every reader of the outbox. */
export function filterSql(filter: OutboxFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filter.status) parts.push(Prisma.sql`status = ${filter.status}::"SubmissionStatus"`);
  if (filter.formId) parts.push(Prisma.sql`"formId" = ${filter.formId}`);
  if (filter.partnerId) parts.push(Prisma.sql`"partnerId" = ${filter.partnerId}`);
  if (filter.locationId) parts.push(Prisma.sql`"locationId" = ${filter.locationId}`);
  if (filter.heldReason) parts.push(Prisma.sql`"heldReason" = ${filter.heldReason}::"HeldReason"`);
  if (filter.from) parts.push(Prisma.sql`"createdAt" >= ${startOfDay(filter.from)}`);
  if (filter.to) parts.push(Prisma.sql`"createdAt" < ${startOfDay(filter.to, 1)}`);
  const search = filter.search?.trim();
  if (search) parts.push(Prisma.sql`"searchText" LIKE ${searchPattern(search)}`);
  return parts.length === 0 ? Prisma.sql`TRUE` : Prisma.join(parts, " AND ");
}

/**
 * `%term%` for LIKE, lowercased as searchText is, matched by the trigram index on it. A term that is only a phone
 * number's characters matches its digits, as searchText also holds the phone's digits: "(555) 010-0199" finds +15550100199.
 */
export function searchPattern(term: string): string {
  const digits = term.replace(/\D/g, "");
  const phoneLike = /^[\d\s()+.\-/]+$/.test(term) && digits.length >= 3;
  const text = phoneLike ? digits : term.toLowerCase();
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function startOfDay(isoDay: string, addDays = 0): Date {
  const date = new Date(`${isoDay}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + addDays);
  return date;
}

/** The ORDER BY of the list's order on (createdAt, id); `reverse` reads it backwards (a page before a cursor). */
export function orderSql(filter: Pick<OutboxFilter, "order">, reverse = false): Prisma.Sql {
  return (filter.order === "oldest") !== reverse ? Prisma.sql`"createdAt" ASC, id ASC` : Prisma.sql`"createdAt" DESC, id DESC`;
}

/** The filter as the audit log names it: the search term is personal data, so only its presence is kept. */
export function filterForAudit({ search, ...filter }: OutboxFilter): Record<string, string | null> {
  return { ...Object.fromEntries(Object.entries(filter).map(([key, value]) => [key, value ?? null])), search: search ? "(a search term)" : null };
}
