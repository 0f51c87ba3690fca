import type { SubmissionStatus } from "@/lib/db/generated/enums";

const STYLES: Record<SubmissionStatus, { label: string; className: string }> = {
  PENDING: { label: "Pending", className: "bg-slate-100 text-slate-800" },
  RETRYING: { label: "Retrying", className: "bg-amber-100 text-amber-900" },
  DELIVERED: { label: "Delivered", className: "bg-green-100 text-green-900" },
  FAILED: { label: "Failed", className: "bg-red-100 text-red-900" },
  HELD: { label: "Held", className: "bg-violet-100 text-violet-900" },
  DISCARDED: { label: "Discarded", className: "bg-slate-200 text-slate-700" },
};

export function StatusBadge({ status }: { status: SubmissionStatus }) {
  const { label, className } = STYLES[status];
  return <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${className}`}>{label}</span>;
}
