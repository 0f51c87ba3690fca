import type { Metadata } from "next";
import Link from "next/link";
import { DailyBudgetNotice } from "@/components/dashboard/daily-budget-notice";
import { BulkActions } from "@/components/dashboard/bulk-actions";
import { BULK_FORM_ID, hasBulkActions } from "@/components/dashboard/bulk-tabs";
import { HeldBanner } from "@/components/dashboard/held-banner";
import { OutboxFilters } from "@/components/dashboard/outbox-filters";
import { HELD_REASONS, OutboxTable } from "@/components/dashboard/outbox-table";
import { OutboxWatch } from "@/components/dashboard/outbox-watch";
import { DegradedLocations, PausedLocations } from "@/components/dashboard/paused-locations";
import { RetentionNote } from "@/components/dashboard/retention-note";
import { StatusTabs } from "@/components/dashboard/status-tabs";
import { requirePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/config/env";
import { outboxHref, readOutboxView } from "@/lib/dashboard/outbox-view";
import { db } from "@/lib/db/client";
import { formCatalog } from "@/lib/forms/catalog";
import { latestRetentionRun } from "@/lib/maintenance/retention";
import { outboxQueryParams } from "@/lib/outbox/filter";
import { countByStatus, countMatching, encodeCursor, facetValues, listOutboxPage, rowsVersion } from "@/lib/outbox/listing";
import { degradedLocations, pausedLocations, spentDailyBudgets } from "@/lib/outbox/queries";

export const metadata: Metadata = { title: "Outbox" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DashboardPage({ searchParams }: Props) {
  const user = await requirePermission(); // layouts do not guard their pages' data reads
  const { query, filter, page: request, searchIgnored } = readOutboxView(await searchParams, env().AUTH_SECRET!);
  const held = filter.status === "HELD";
  const bulk = filter.status && hasBulkActions(filter.status) && can(user.role, "act") ? filter.status : null;
  const filtered = Object.keys(filter).some((key) => key !== "status" && key !== "order");
  const oldestFirst = filter.order === "oldest";
  const [page, paused, degraded, spent, counts, matching, forms, partners, locations, retention] = await Promise.all([
    listOutboxPage(db(), filter, request),
    pausedLocations(db()),
    degradedLocations(db()),
    spentDailyBudgets(db()),
    countByStatus(db(), filter),
    bulk ? countMatching(db(), filter) : 0,
    facetValues(db(), "formId"),
    facetValues(db(), "partnerId"),
    facetValues(db(), "locationId"),
    latestRetentionRun(db()),
  ]);
  const partnerNames = new Map(env().EMBED_PARTNERS.map((p) => [p.id, p.name]));
  const newest = page.rows[0];
  const caption = `${filter.status ? `${filter.status.toLowerCase()} submissions` : "All submissions"}, ${oldestFirst ? "oldest" : "newest"} first`;

  const table =
    page.rows.length === 0 ? (
      <p className="text-slate-700">
        {filter.status || filtered ? "Nothing here." : "No submissions yet. They appear here as soon as a visitor sends a form."}
      </p>
    ) : (
      <OutboxTable rows={page.rows} held={held} bulkForm={bulk ? BULK_FORM_ID : null} canAct={can(user.role, "act")} caption={caption} />
    );

  const pagination = (page.newer || page.older) && (
    <nav aria-label="Pages" className="mt-3 flex gap-3 text-sm">
      {/* Back up the list first, then down it: Newer, Older newest first; Older, Newer oldest first. */}
      {(oldestFirst ? (["older", "newer"] as const) : (["newer", "older"] as const)).map(
        (kind) =>
          page[kind] && (
            <Link key={kind} href={outboxHref(query, { kind, cursor: page[kind] })} className="underline underline-offset-4">
              {kind === "newer" ? "Newer" : "Older"}
            </Link>
          ),
      )}
    </nav>
  );

  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">Outbox</h1>
      <PausedLocations locations={paused} />
      <DegradedLocations locations={degraded} />
      <DailyBudgetNotice locations={spent} />
      {!held && <HeldBanner count={counts.HELD ?? 0} />}
      {searchIgnored && (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-950">
          The search in this link could not be read (it was changed, or made before the site&apos;s secret changed), so it is ignored. Search again below.
        </p>
      )}
      <StatusTabs current={filter.status} counts={counts} hrefFor={(status) => outboxHref({ ...query, status, heldReason: undefined })} />
      <OutboxFilters
        key={outboxQueryParams(query).toString()} // its inputs are uncontrolled: a new filter (a tab, the nav link) starts them afresh
        values={{
          status: filter.status,
          form: filter.formId,
          partner: filter.partnerId,
          location: filter.locationId,
          reason: filter.heldReason,
          from: filter.from,
          to: filter.to,
          search: filter.search,
          order: filter.order,
        }}
        forms={forms.map((id) => ({ value: id, label: formCatalog().find(id)?.title ?? id }))}
        partners={partners.map((id) => ({ value: id, label: partnerNames.get(id) ?? id }))}
        locations={locations.map((id) => ({ value: id, label: id }))}
        heldReasons={held ? Object.entries(HELD_REASONS).map(([value, label]) => ({ value, label })) : undefined}
      />
      {/* Oldest first, arrivals join the end of the list: nothing to announce at its top. */}
      {page.top && !oldestFirst && (
        <OutboxWatch
          key={newest ? encodeCursor(newest) : "empty"}
          query={outboxQueryParams(query).toString()}
          top={newest ? encodeCursor(newest) : null}
          ids={page.rows.map((row) => row.id)}
          version={rowsVersion(page.rows)}
          pinnedHref={newest && request.kind === "first" ? outboxHref(query, { kind: "at", cursor: newest }) : null}
          freshHref={outboxHref(query)}
          refresh={!bulk}
        />
      )}
      {can(user.role, "export") && (
        <p className="mb-3 text-sm">
          {/* A plain link, not next/link: a download from a route handler, the search still sealed in it. */}
          <a href={`/dashboard/export?${outboxQueryParams(query).toString()}`} download className="underline underline-offset-4">
            Export CSV
          </a>{" "}
          <span className="text-slate-600">(every row matching these filters)</span>
        </p>
      )}
      {bulk && <BulkActions key={outboxQueryParams(query).toString()} status={bulk} matching={matching} filter={outboxQueryParams(query).toString()} />}
      {table}
      {pagination}
      <RetentionNote run={retention} retentionDays={env().RETENTION_DAYS} heldRetentionDays={env().HELD_RETENTION_DAYS} />
    </>
  );
}
