import { LocalTime } from "@/components/dashboard/local-time";
import type { FormDefinition } from "@/lib/forms/definition";
import type { SubmissionAuditEntry, TimelineEvent } from "@/lib/outbox/timeline";
import { displayValue } from "./submission-values";

const ACTIONS: Record<string, string> = {
  "submission.retry": "Retried",
  "submission.edit": "Edited and resent",
  "held.judge": "Judged (Held)",
};
const ATTEMPT_ACTIONS: Record<string, string> = { create: "Create contact", lookup: "Look up contact", add_tags: "Add tags" };
const OUTCOMES: Record<string, string> = {
  ok: "delivered",
  duplicate: "existing contact",
  retry: "will retry",
  unauthorized: "token refused",
  rejected: "rejected",
};

/** A submission's history by time: accepted, each delivery attempt, each person's action. */
export function Timeline({ events, form }: { events: TimelineEvent[]; form: FormDefinition | undefined }) {
  return (
    <ol data-testid="timeline" className="space-y-3 border-l-2 border-slate-200 pl-4">
      {events.map((event, i) => (
        <li key={i} data-testid={`timeline-${event.kind}`} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <p className="text-slate-600">
            <LocalTime iso={event.at.toISOString()} />
          </p>
          {event.kind === "accepted" && <p className="mt-1 font-medium">Accepted and stored</p>}
          {event.kind === "attempt" && <Attempt attempt={event.attempt} />}
          {event.kind === "audit" && <AuditLine entry={event.entry} form={form} />}
        </li>
      ))}
    </ol>
  );
}

function Attempt({ attempt }: { attempt: Extract<TimelineEvent, { kind: "attempt" }>["attempt"] }) {
  return (
    <>
      <p className="mt-1">
        <span className="font-medium">{ATTEMPT_ACTIONS[attempt.action] ?? attempt.action}</span> ·{" "}
        {attempt.httpStatus ? `HTTP ${attempt.httpStatus}` : "no response"} · {OUTCOMES[attempt.outcome] ?? attempt.outcome} · {attempt.durationMs} ms
      </p>
      {attempt.error && <p className="mt-1 text-red-800">{attempt.error}</p>}
      {attempt.responseExcerpt && (
        <p className="mt-1 break-words text-slate-700">
          <span className="font-medium">Answer:</span> <code className="text-xs">{attempt.responseExcerpt.slice(0, 300)}</code>
        </p>
      )}
      <details className="mt-2">
        <summary className="cursor-pointer">Request sent</summary>
        <pre tabIndex={0} className="mt-2 overflow-x-auto text-xs">
          {JSON.stringify(attempt.request, null, 2)}
        </pre>
      </details>
    </>
  );
}

type Change = { before: unknown; after: unknown };

function AuditLine({ entry, form }: { entry: SubmissionAuditEntry; form: FormDefinition | undefined }) {
  const detail = (entry.detail ?? {}) as { outcome?: string; changes?: Record<string, Change>; intent?: string; discardReason?: string | null };
  const done = !detail.outcome || detail.outcome === "done";
  const what = entry.action === "held.judge" && detail.intent ? (detail.intent.startsWith("release") ? "Released" : "Discarded") : ACTIONS[entry.action];
  const changes = Object.entries(detail.changes ?? {});
  return (
    <>
      <p className="mt-1">
        <span className="font-medium">{done ? (what ?? entry.action) : `Not done: ${(what ?? entry.action).toLowerCase()}`}</span> by{" "}
        {entry.actorEmail ?? "a command on the server"}
        {!done && <span className="text-slate-600"> ({detail.outcome!.replace(/-/g, " ")}, nothing changed)</span>}
        {detail.discardReason && <span>: {detail.discardReason}</span>}
      </p>
      {changes.length > 0 && (
        <table className="mt-2 w-full text-left text-xs">
          <caption className="sr-only">Values changed by this edit</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-3 font-semibold">
                Field
              </th>
              <th scope="col" className="pr-3 font-semibold">
                Before
              </th>
              <th scope="col" className="font-semibold">
                After
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.map(([name, change]) => {
              const field = form?.fields.find((f) => f.name === name);
              return (
                <tr key={name} className="border-t border-slate-100 align-top">
                  <th scope="row" className="pr-3 font-medium">
                    {field?.label ?? name}
                  </th>
                  <td className="break-all pr-3">{displayValue(field, change.before)}</td>
                  <td className="break-all">{displayValue(field, change.after)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
