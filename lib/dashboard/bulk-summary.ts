import type { BulkAction } from "@/lib/outbox/bulk";

/** Where a bulk action stands, for useActionState: `working` means the browser calls again with `after`. */
export type BulkState =
  | { status: "idle" }
  | { status: "error"; message: string }
  | { status: "working" | "done"; action: BulkAction; changed: number; skipped: number; after?: string; message: string };

const PAST: Record<BulkAction, string> = { retry: "Retried", release: "Released", discard: "Discarded" };
const NEXT: Record<BulkAction, string> = {
  retry: "they are delivered as usual.",
  release: "they are delivered as usual.",
  discard: "kept for the record, never delivered.",
};

const number = (n: number) => n.toLocaleString("en-US");
const submissions = (n: number) => `${number(n)} ${n === 1 ? "submission" : "submissions"}`;

/** "Retried 1,234 submissions: they are delivered as usual. 3 had changed or were being delivered, and were skipped." */
export function bulkSummary(action: BulkAction, { changed, skipped }: { changed: number; skipped: number }, working: boolean): string {
  if (working) return `${PAST[action]} ${submissions(changed)} so far…`;
  const skippedNote = skipped > 0 ? ` ${number(skipped)} had changed or were being delivered, and ${skipped === 1 ? "was" : "were"} skipped.` : "";
  return `${PAST[action]} ${submissions(changed)}: ${NEXT[action]}${skippedNote}`;
}
