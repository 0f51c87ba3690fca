"use client";

import { useActionState } from "react";
import { checkMappingAction } from "@/lib/dashboard/actions";
import type { MappingReport } from "@/lib/locations/mapping";
import { secondaryButton } from "@/components/ui/styles";

/** The Check mapping button of one location, and its report: the summary, then each problem by form and field. */
export function CheckMapping({ locationId }: { locationId: string }) {
  const [report, action, pending] = useActionState<MappingReport, FormData>(checkMappingAction, { status: "idle" });
  return (
    <form action={action} className="min-w-64">
      <input type="hidden" name="locationId" value={locationId} />
      <button type="submit" disabled={pending} className={secondaryButton} aria-describedby={`mapping-${locationId}`}>
        {pending ? "Checking…" : "Check mapping"}
      </button>
      {/* A live region, not role="status": one per row, and the page keeps role="status" for its own messages. */}
      <div id={`mapping-${locationId}`} aria-live="polite" data-testid="mapping-report" className="mt-2 text-sm">
        {report.status === "report" && (
          <>
            <p className={report.ok ? "text-green-800" : "text-red-700"}>{report.summary}</p>
            {report.problems.length > 0 && (
              <ul className="mt-1 list-disc space-y-1 pl-5">
                {report.problems.map((problem) => (
                  <li key={`${problem.formId} ${problem.field} ${problem.target}`} data-testid="mapping-problem">
                    <span className="font-medium">{problem.formTitle}</span> ({problem.formId}), {problem.field} → {problem.target}: {problem.reason}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </form>
  );
}
