import { formatTime } from "@/lib/dates";
import type { RetentionRun } from "@/lib/maintenance/retention";

type Props = { run: (RetentionRun & { at: Date }) | null; retentionDays: number; heldRetentionDays: number };

const kept = (days: number) => (days === 0 ? "kept until deleted by hand" : `removed after ${days} days`);

/** When personal data was last removed, and the rules it follows: a marketer can tell a blank row from a lost one. */
export function RetentionNote({ run, retentionDays, heldRetentionDays }: Props) {
  return (
    <p data-testid="retention-note" className="mt-6 text-xs text-slate-600">
      Personal data of delivered and discarded submissions is {kept(retentionDays)}; of unjudged held ones, {kept(heldRetentionDays)}.{" "}
      {run
        ? `Last removal run ${formatTime(run.at)}: ${run.submissions} ${run.submissions === 1 ? "submission" : "submissions"} scrubbed in ${run.durationMs} ms.`
        : "No removal has run yet."}
    </p>
  );
}
