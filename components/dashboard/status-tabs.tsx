import Link from "next/link";
import type { SubmissionStatus } from "@/lib/db/generated/enums";

const TABS: { status?: SubmissionStatus; label: string }[] = [
  { label: "All" },
  { status: "PENDING", label: "Pending" },
  { status: "RETRYING", label: "Retrying" },
  { status: "DELIVERED", label: "Delivered" },
  { status: "FAILED", label: "Failed" },
  { status: "HELD", label: "Held" },
  { status: "DISCARDED", label: "Discarded" },
];

/**
 * The outbox by status, each tab with its count under the other filters; links, so a view is a URL and works without
 * JavaScript. `hrefFor` keeps the other filters in each tab's link.
 */
export function StatusTabs({
  current,
  counts,
  hrefFor,
}: {
  current?: SubmissionStatus;
  counts: Partial<Record<SubmissionStatus, number>>;
  hrefFor: (status?: SubmissionStatus) => string;
}) {
  const total = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
  return (
    <nav aria-label="Outbox by status" className="mb-4 flex flex-wrap gap-2 text-sm">
      {TABS.map(({ status, label }) => (
        <Link
          key={label}
          href={hrefFor(status)}
          aria-current={current === status ? "page" : undefined}
          className="rounded-full border border-slate-300 bg-white px-3 py-1 aria-[current=page]:border-brand aria-[current=page]:bg-brand aria-[current=page]:text-white"
        >
          {label} <span className="tabular-nums">({status ? (counts[status] ?? 0) : total})</span>
        </Link>
      ))}
    </nav>
  );
}
