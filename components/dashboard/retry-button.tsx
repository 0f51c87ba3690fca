import { retrySubmission } from "@/lib/dashboard/actions";

/** Puts a Failed submission back in line; a plain form, so it works before the page hydrates. */
export function RetryButton({ submissionId }: { submissionId: string }) {
  return (
    <form action={retrySubmission}>
      <input type="hidden" name="submissionId" value={submissionId} />
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-100">
        Retry
      </button>
    </form>
  );
}
