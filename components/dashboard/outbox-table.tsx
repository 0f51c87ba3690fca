import Link from "next/link";
import { ContactLinkNote } from "@/components/dashboard/contact-link";
import { LocalTime } from "@/components/dashboard/local-time";
import { RetryButton } from "@/components/dashboard/retry-button";
import { StatusBadge } from "@/components/dashboard/status-badge";
import { TableHead } from "@/components/dashboard/table-head";
import { formCatalog } from "@/lib/forms/catalog";
import { leadSummary } from "@/lib/forms/summary";
import type { OutboxRow } from "@/lib/outbox/listing";
import { TableScroll } from "./table-scroll";

export const HELD_REASONS: Record<string, string> = { honeypot: "Hidden field filled", too_fast: "Sent too fast", flood: "Flood, no proof of work" };

/** The outbox rows. Column order is what the tests address cells by: keep it. */
export function OutboxTable({
  rows,
  held,
  bulkForm,
  canAct,
  caption,
}: {
  rows: OutboxRow[];
  held: boolean;
  /** The bulk actions' form, which the rows' checkboxes join; null: no checkboxes. */
  bulkForm: string | null;
  /** Whether the reader may act (retry); a viewer sees no buttons that would refuse them. */
  canAct: boolean;
  caption: string;
}) {
  const columns = ["Submitted", "Name", "Email", "Form", "Status", "Attempts", held ? "Held because" : "Last error", "Contact", ""];
  return (
    <TableScroll label="Submissions">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <TableHead columns={bulkForm ? ["Select", ...columns] : columns} />
        <tbody>
          {rows.map((s) => {
            const { name, email } = leadSummary(formCatalog().find(s.formId), s.fields);
            return (
              <tr key={s.id} data-testid="outbox-row" className="border-t border-slate-200 align-top">
                {bulkForm && (
                  <td className="px-3 py-2">
                    <input type="checkbox" form={bulkForm} name="ids" value={s.id} aria-label={`Select ${email || name || s.id}`} className="size-4" />
                  </td>
                )}
                <td className="whitespace-nowrap px-3 py-2">
                  <Link href={`/dashboard/submissions/${s.id}`} className="text-brand underline-offset-4 hover:underline">
                    <LocalTime iso={s.createdAt.toISOString()} />
                  </Link>
                </td>
                <td className="px-3 py-2">{s.scrubbedAt ? <span className="text-slate-500">Personal data removed</span> : name}</td>
                <td className="px-3 py-2">{email}</td>
                <td className="px-3 py-2">{s.formId}</td>
                <td className="px-3 py-2">
                  <StatusBadge status={s.status} />
                </td>
                <td className="px-3 py-2">{s.attemptCount}</td>
                <td className="max-w-xs px-3 py-2 text-slate-700">{held ? HELD_REASONS[s.heldReason ?? ""] : s.lastError}</td>
                <td className="px-3 py-2">
                  <ContactLinkNote contactId={s.contactId} link={s.contactLink} />
                </td>
                <td className="px-3 py-2">{canAct && s.status === "FAILED" && <RetryButton submissionId={s.id} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
