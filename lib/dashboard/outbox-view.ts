import { outboxQueryParams, parseOutboxQuery, type OutboxFilter, type OutboxQuery } from "@/lib/outbox/filter";
import { decodeCursor, encodeCursor, type Cursor, type PageRequest } from "@/lib/outbox/listing";
import { searchSeal } from "./search-seal";

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

/** What a dashboard URL asks for: the filter (its search unsealed), the page, and whether a search had to be ignored. */
export type OutboxView = { query: OutboxQuery; filter: OutboxFilter; page: PageRequest; searchIgnored: boolean };

export function readOutboxView(params: Params, secret: string): OutboxView {
  const query = parseOutboxQuery(params);
  const { sealedSearch, ...rest } = query;
  const search = sealedSearch ? searchSeal(secret).unseal(sealedSearch) : null;
  const filter: OutboxFilter = search ? { ...rest, search } : rest;
  // A search that cannot be unsealed is dropped from the links too, so it is reported once, not on every page.
  const kept = search ? query : rest;
  return { query: kept, filter, page: readPage(params), searchIgnored: Boolean(sealedSearch) && !search };
}

function readPage(params: Params): PageRequest {
  const get = (name: string) => {
    const value = params instanceof URLSearchParams ? params.get(name) : params[name];
    return decodeCursor(Array.isArray(value) ? value[0] : value);
  };
  for (const kind of ["older", "newer", "at"] as const) {
    const cursor = get(kind);
    if (cursor) return { kind, cursor };
  }
  return { kind: "first" };
}

/** A dashboard URL for a filter and, optionally, a page. */
export function outboxHref(query: OutboxQuery, page?: { kind: "older" | "newer" | "at"; cursor: Cursor }): string {
  const params = outboxQueryParams(query);
  if (page) params.set(page.kind, encodeCursor(page.cursor));
  const text = params.toString();
  return text ? `/dashboard?${text}` : "/dashboard";
}
