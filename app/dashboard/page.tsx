import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/dashboard/auto-refresh";
import { ContactLinkNote } from "@/components/dashboard/contact-link";
import { HeldActions } from "@/components/dashboard/held-actions";
import { HeldBanner } from "@/components/dashboard/held-banner";
import { DegradedLocations, PausedLocations } from "@/components/dashboard/paused-locations";
import { RetryButton } from "@/components/dashboard/retry-button";
import { StatusBadge } from "@/components/dashboard/status-badge";
import { StatusTabs } from "@/components/dashboard/status-tabs";
import { TableHead } from "@/components/dashboard/table-head";
import { requirePermission } from "@/lib/auth/guard";
import { formatTime } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { HeldReason, SubmissionStatus } from "@/lib/db/generated/enums";
import { countHeld, degradedLocations, listOutbox, outboxCounts, pausedLocations, spentDailyBudgets } from "@/lib/outbox/queries";
import { DailyBudgetNotice } from "@/components/dashboard/daily-budget-notice";

export const metadata: Metadata = { title: "Outbox" };

const HELD_REASONS: Record<string, string> = { honeypot: "Hidden field filled", too_fast: "Sent too fast", flood: "Flood, no proof of work" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DashboardPage({ searchParams }: Props) {
  await requirePermission(); // layouts do not guard their pages' data reads
  const query = await searchParams;
  const one = (name: string) => (typeof query[name] === "string" ? (query[name] as string) : undefined);
  const status = Object.values(SubmissionStatus).find((s) => s === one("status"));
  const held = status === "HELD";
  const filter = held ? { form: one("form"), reason: Object.values(HeldReason).find((r) => r === one("reason")) } : {};
  const [submissions, paused, degraded, spent, counts, matching] = await Promise.all([
    listOutbox(db(), { status, formId: filter.form, heldReason: filter.reason }),
    pausedLocations(db()),
    degradedLocations(db()),
    spentDailyBudgets(db()),
    outboxCounts(db()),
    held ? countHeld(db(), { formId: filter.form, reason: filter.reason }) : 0,
  ]);
  const columns = ["Submitted", "Name", "Email", "Form", "Status", "Attempts", held ? "Held because" : "Last error", "Contact", ""];

  const table =
    submissions.length === 0 ? (
      <p className="text-slate-700">{status ? "Nothing here." : "No submissions yet. They appear here as soon as a visitor sends a form."}</p>
    ) : (
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">{status ? `${status.toLowerCase()} submissions` : "All submissions"}, newest first</caption>
          <TableHead columns={held ? ["Select", ...columns] : columns} />
          <tbody>
            {submissions.map((s) => {
              const fields = s.fields as Record<string, string | undefined>;
              const name = [fields.firstName, fields.lastName].filter(Boolean).join(" ");
              return (
                <tr key={s.id} data-testid="outbox-row" className="border-t border-slate-200 align-top">
                  {held && (
                    <td className="px-3 py-2">
                      <input type="checkbox" name="ids" value={s.id} aria-label={`Select ${fields.email ?? name ?? s.id}`} className="size-4" />
                    </td>
                  )}
                  <td className="whitespace-nowrap px-3 py-2">
                    <Link href={`/dashboard/submissions/${s.id}`} className="text-brand underline-offset-4 hover:underline">
                      {formatTime(s.createdAt)}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{name}</td>
                  <td className="px-3 py-2">{fields.email}</td>
                  <td className="px-3 py-2">{s.formId}</td>
                  <td className="px-3 py-2">
                    <StatusBadge status={s.status} />
                  </td>
                  <td className="px-3 py-2">{s.attemptCount}</td>
                  <td className="max-w-xs px-3 py-2 text-slate-700">{held ? HELD_REASONS[s.heldReason ?? ""] : s.lastError}</td>
                  <td className="px-3 py-2">
                    <ContactLinkNote contactId={s.contactId} link={s.contactLink} />
                  </td>
                  <td className="px-3 py-2">{s.status === "FAILED" && <RetryButton submissionId={s.id} />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    );

  return (
    <>
      {!held && <AutoRefresh />}
      <h1 className="mb-4 text-2xl font-bold">Outbox</h1>
      <PausedLocations locations={paused} />
      <DegradedLocations locations={degraded} />
      <DailyBudgetNotice locations={spent} />
      {!held && <HeldBanner count={counts.HELD ?? 0} />}
      <StatusTabs current={status} counts={counts} />
      {held ? (
        <>
          <form method="get" className="mb-4 flex flex-wrap items-end gap-2 text-sm">
            <input type="hidden" name="status" value="HELD" />
            <label>
              <span className="block font-medium text-slate-800">Held because</span>
              <select name="reason" defaultValue={filter.reason ?? ""} className="mt-1 rounded-md border border-slate-300 px-2 py-1">
                <option value="">Any reason</option>
                {Object.entries(HELD_REASONS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-100">
              Filter
            </button>
          </form>
          <HeldActions formId="held-actions" matching={matching} filter={filter}>
            {table}
          </HeldActions>
        </>
      ) : (
        table
      )}
    </>
  );
}
