import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/dashboard/auto-refresh";
import { StatusBadge } from "@/components/dashboard/status-badge";
import { requireRole } from "@/lib/auth/guard";
import { RetryButton } from "@/components/dashboard/retry-button";
import { TableHead } from "@/components/dashboard/table-head";
import { formatTime } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { listOutbox, pausedLocations, spentDailyBudgets } from "@/lib/outbox/queries";
import { ContactLinkNote } from "@/components/dashboard/contact-link";
import { PausedLocations } from "@/components/dashboard/paused-locations";
import { DailyBudgetNotice } from "@/components/dashboard/daily-budget-notice";

export const metadata: Metadata = { title: "Outbox" };

export default async function DashboardPage() {
  await requireRole(); // layouts do not guard their pages' data reads
  const [submissions, paused, spent] = await Promise.all([listOutbox(db()), pausedLocations(db()), spentDailyBudgets(db())]);
  return (
    <>
      <AutoRefresh />
      <h1 className="mb-4 text-2xl font-bold">Outbox</h1>
      <PausedLocations locations={paused} />
      <DailyBudgetNotice locations={spent} />
      {submissions.length === 0 ? (
        <p className="text-slate-700">No submissions yet. They appear here as soon as a visitor sends a form.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <TableHead columns={["Submitted", "Name", "Email", "Form", "Status", "Attempts", "Last error", "Contact", ""]} />
            <tbody>
              {submissions.map((s) => {
                const fields = s.fields as Record<string, string | undefined>;
                const name = [fields.firstName, fields.lastName].filter(Boolean).join(" ");
                return (
                  <tr key={s.id} data-testid="outbox-row" className="border-t border-slate-200 align-top">
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
                    <td className="max-w-xs px-3 py-2 text-slate-700">{s.lastError}</td>
                    <td className="px-3 py-2">
                      <ContactLinkNote contactId={s.contactId} link={s.contactLink} />
                    </td>
                    <td className="px-3 py-2">
                      {s.status === "FAILED" && <RetryButton submissionId={s.id} />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
