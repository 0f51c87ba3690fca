import type { Metadata } from "next";
import { LocalTime } from "@/components/dashboard/local-time";
import { CHART_STATUSES, StatusChart } from "@/components/dashboard/status-chart";
import { TableHead } from "@/components/dashboard/table-head";
import { requirePermission } from "@/lib/auth/guard";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { formCatalog } from "@/lib/forms/catalog";
import { deliveryFigures, locationStates, OVERVIEW_DAYS, submissionsPerDay, type DeliveryFigures, type LocationState } from "@/lib/outbox/overview";
import { TableScroll } from "@/components/dashboard/table-scroll";

export const metadata: Metadata = { title: "Overview" };

const tableClass = "min-w-full text-left text-sm";

export default async function OverviewPage() {
  await requirePermission("read");
  const [days, figures, locations] = await Promise.all([submissionsPerDay(db()), deliveryFigures(db()), locationStates(db())]);
  const partnerNames = new Map(env().EMBED_PARTNERS.map((p) => [p.id, p.name]));
  const { overall } = figures;
  return (
    <>
      <h1 className="text-2xl font-bold">Overview</h1>
      <p className="mt-1 text-sm text-slate-700">The last {OVERVIEW_DAYS} days, in whole UTC days.</p>

      <section aria-labelledby="figures-heading" className="mt-6">
        <h2 id="figures-heading" className="text-lg font-semibold">
          Delivery
        </h2>
        <dl className="mt-2 grid gap-4 sm:grid-cols-3">
          <Figure label="Submissions" value={String(overall.submitted)} />
          <Figure label="Success rate" value={rate(overall)} hint="delivered ÷ (delivered + failed)" />
          <Figure label="Median time to delivery" value={duration(overall.medianSeconds)} hint="from submit to delivered" />
        </dl>
      </section>

      <section aria-labelledby="per-day-heading" className="mt-8">
        <h2 id="per-day-heading" className="text-lg font-semibold">
          Submissions per day
        </h2>
        <div className="mt-2">
          <StatusChart days={days} />
        </div>
        <TableScroll label="Submissions per day" className="mt-2">
          <table className={tableClass} data-testid="per-day-table">
            <caption className="sr-only">Submissions per day by status, the last {OVERVIEW_DAYS} days, oldest first</caption>
            <TableHead columns={["Day (UTC)", ...CHART_STATUSES.map((s) => s.label), "Total"]} />
            <tbody>
              {days.map((day) => (
                <tr key={day.day} className="border-t border-slate-200">
                  <th scope="row" className="whitespace-nowrap px-3 py-1 font-medium">
                    {day.day}
                  </th>
                  {CHART_STATUSES.map(({ status }) => (
                    <td key={status} className="px-3 py-1 tabular-nums">
                      {day.counts[status] ?? 0}
                    </td>
                  ))}
                  <td className="px-3 py-1 font-medium tabular-nums">{day.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      <FiguresTable
        id="per-form"
        title="Per form"
        keyLabel="Form"
        rows={figures.byForm}
        name={(key) => (key ? (formCatalog().find(key)?.title ?? key) : "—")}
      />
      <FiguresTable
        id="per-partner"
        title="Per partner"
        keyLabel="Partner"
        rows={figures.byPartner}
        name={(key) => (key ? (partnerNames.get(key) ?? key) : "Direct (no partner)")}
      />

      <section aria-labelledby="locations-heading" className="mt-8">
        <h2 id="locations-heading" className="text-lg font-semibold">
          Locations
        </h2>
        {locations.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">No location has been called yet.</p>
        ) : (
          <TableScroll label="Locations" className="mt-2">
            <table className={tableClass} data-testid="locations-table">
              <caption className="sr-only">Each location&apos;s state and LeadConnector limits as last seen</caption>
              <TableHead columns={["Location", "State", "Burst remaining", "Daily budget remaining", "Last seen"]} />
              <tbody>
                {locations.map((location) => (
                  <tr key={location.id} className="border-t border-slate-200 align-top">
                    <th scope="row" className="px-3 py-2 font-medium">
                      {location.name ?? location.id}
                      {location.name && <span className="block text-xs font-normal text-slate-600">{location.id}</span>}
                    </th>
                    <td className="px-3 py-2">
                      <LocationStateText location={location} />
                    </td>
                    <td className="px-3 py-2 tabular-nums">{ofLimit(location.rateRemaining, location.rateMax)}</td>
                    <td className="px-3 py-2 tabular-nums">{ofLimit(location.dailyRemaining, location.dailyLimit)}</td>
                    <td className="px-3 py-2">{location.lastSeenAt ? <LocalTime iso={location.lastSeenAt.toISOString()} /> : "never"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
      {hint && <dd className="text-xs text-slate-600">{hint}</dd>}
    </div>
  );
}

function FiguresTable({
  id,
  title,
  keyLabel,
  rows,
  name,
}: {
  id: string;
  title: string;
  keyLabel: string;
  rows: DeliveryFigures[];
  name: (key: string | null) => string;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-8">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">No submissions in this period.</p>
      ) : (
        <TableScroll label={title} className="mt-2">
          <table className={tableClass} data-testid={`${id}-table`}>
            <caption className="sr-only">
              Submissions, success rate and median time to delivery {title.toLowerCase()}, the last {OVERVIEW_DAYS} days
            </caption>
            <TableHead columns={[keyLabel, "Submissions", "Delivered", "Failed", "Success rate", "Median time to delivery"]} />
            <tbody>
              {rows.map((row) => (
                <tr key={row.key ?? "none"} className="border-t border-slate-200">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {name(row.key)}
                  </th>
                  <td className="px-3 py-2 tabular-nums">{row.submitted}</td>
                  <td className="px-3 py-2 tabular-nums">{row.delivered}</td>
                  <td className="px-3 py-2 tabular-nums">{row.failed}</td>
                  <td className="px-3 py-2 tabular-nums">{rate(row)}</td>
                  <td className="px-3 py-2 tabular-nums">{duration(row.medianSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

function LocationStateText({ location }: { location: LocationState }) {
  const states: React.ReactNode[] = [];
  if (location.pausedAt)
    states.push(
      <span key="paused" className="font-medium text-red-800">
        Paused: {location.pauseReason ?? "token refused"}
      </span>,
    );
  if (location.degradedAt)
    states.push(
      <span key="degraded" className="font-medium text-amber-900">
        Degraded: {location.degradedReason ?? "contact lookup refused"}
      </span>,
    );
  if (location.dailyRemaining !== null && location.dailyRemaining <= 0 && location.dailyResetAt && location.dailyResetAt > new Date())
    states.push(
      <span key="spent" className="font-medium text-amber-900">
        Daily budget spent until <LocalTime iso={location.dailyResetAt.toISOString()} />
      </span>,
    );
  if (states.length === 0) return <span className="text-green-800">Active</span>;
  return <span className="flex flex-col gap-1">{states}</span>;
}

function rate(row: Pick<DeliveryFigures, "successRate">) {
  return row.successRate === null ? "—" : `${(row.successRate * 100).toFixed(1)}%`;
}

/** Seconds as a person reads them: 42 s, 3 min 5 s, 2 h 10 min. */
function duration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function ofLimit(remaining: number | null, limit: number | null) {
  if (remaining === null) return "not seen yet";
  return limit === null ? remaining.toLocaleString("en-US") : `${remaining.toLocaleString("en-US")} of ${limit.toLocaleString("en-US")}`;
}
