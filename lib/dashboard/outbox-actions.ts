"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import type { ActionState } from "@/lib/forms/action-state";
import { MAX_SEARCH_LENGTH, parseOutboxQuery, type OutboxQuery } from "@/lib/outbox/filter";
import { countNewer, currentVersion, decodeCursor } from "@/lib/outbox/listing";
import { dashboardAction } from "./authorize";
import { outboxHref, readOutboxView } from "./outbox-view";
import { searchSeal } from "./search-seal";

const FILTER_INPUTS = ["status", "form", "partner", "location", "reason", "from", "to", "order"] as const;

/**
 * Dashboard action ("read": no audit entry): applies the filter form. A POST, so the search term travels in the body
 * and comes back only sealed in the URL, never in an address bar, a history or an access log.
 */
export const filterOutbox = dashboardAction("outbox.filter", "read", async (_context, _previous: ActionState, formData: FormData): Promise<ActionState> => {
  const given = Object.fromEntries(FILTER_INPUTS.map((name) => [name, String(formData.get(name) ?? "").trim() || undefined]));
  const query: OutboxQuery = parseOutboxQuery(given);
  for (const name of ["from", "to"] as const) {
    if (given[name] && !query[name]) return { status: "invalid", errors: { [name]: ["Enter a date as YYYY-MM-DD"] } };
  }
  if (query.from && query.to && query.from > query.to) return { status: "invalid", errors: { to: ["The last day is before the first day"] } };
  const search = String(formData.get("search") ?? "").trim();
  if (search.length > MAX_SEARCH_LENGTH)
    return { status: "invalid", errors: { search: [`Search for at most ${MAX_SEARCH_LENGTH} characters (this is ${search.length})`] } };
  if (search) query.sealedSearch = searchSeal(env().AUTH_SECRET!).seal(search);
  redirect(outboxHref(query));
});

const watchInput = z.object({ query: z.string().max(4000), top: z.string().max(100).nullable(), ids: z.array(z.uuid()).max(100) });

/**
 * Dashboard action ("read"): the list's poll. How many rows matching the page's filter arrived above its newest row,
 * and a digest of the rows it shows, so the page refreshes only when one of them changed.
 */
export const watchOutbox = dashboardAction(
  "outbox.watch",
  "read",
  async (_context, query: string, top: string | null, ids: string[]): Promise<{ newer: number; version: string } | null> => {
    const parsed = watchInput.safeParse({ query, top, ids });
    if (!parsed.success) return null;
    const { filter } = readOutboxView(new URLSearchParams(parsed.data.query), env().AUTH_SECRET!);
    const [newer, version] = await Promise.all([countNewer(db(), filter, decodeCursor(parsed.data.top)), currentVersion(db(), parsed.data.ids)]);
    return { newer, version };
  },
);
