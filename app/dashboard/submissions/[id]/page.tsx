import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ContactLinkNote } from "@/components/dashboard/contact-link";
import { StatusBadge } from "@/components/dashboard/status-badge";
import { requirePermission } from "@/lib/auth/guard";
import { RetryButton } from "@/components/dashboard/retry-button";
import { formatTime } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { findSubmissionWithAttempts } from "@/lib/outbox/queries";

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission();
  const id = z.uuid().safeParse((await params).id);
  const submission = id.success ? await findSubmissionWithAttempts(db(), id.data) : null;
  if (!submission) notFound();
  return (
    <>
      <Link href="/dashboard" className="text-sm text-brand underline-offset-4 hover:underline">
        ← Outbox
      </Link>
      <div className="mt-3 flex items-center gap-3">
        <h1 className="text-2xl font-bold">Submission</h1>
        <StatusBadge status={submission.status} />
        {submission.status === "FAILED" && <RetryButton submissionId={submission.id} />}
      </div>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="font-medium">Submitted</dt>
        <dd>{formatTime(submission.createdAt)}</dd>
        <dt className="font-medium">Form</dt>
        <dd>{submission.formId}</dd>
        <dt className="font-medium">Location</dt>
        <dd>{submission.locationId}</dd>
        <dt className="font-medium">Contact</dt>
        <dd>{submission.contactId ? <ContactLinkNote contactId={submission.contactId} link={submission.contactLink} /> : "none yet"}</dd>
        <dt className="font-medium">Consent</dt>
        <dd>{consentText(submission.consent)}</dd>
        <dt className="font-medium">Page</dt>
        <dd>{submission.pageUrl ?? "unknown"}</dd>
        {submission.scrubbedAt && (
          <>
            <dt className="font-medium">Personal data</dt>
            <dd>Removed {formatTime(submission.scrubbedAt)} (retention)</dd>
          </>
        )}
      </dl>
      <h2 className="mt-6 text-lg font-semibold">Values</h2>
      <pre tabIndex={0} className="mt-2 overflow-x-auto rounded-md bg-white p-3 text-xs">
        {JSON.stringify(submission.fields, null, 2)}
      </pre>
      <h2 className="mt-6 text-lg font-semibold">Delivery attempts ({submission.attempts.length})</h2>
      <ol className="mt-2 space-y-3">
        {submission.attempts.map((attempt) => (
          <li key={attempt.id} data-testid="attempt" className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <p>
              <strong>{formatTime(attempt.startedAt)}</strong> · {attempt.durationMs} ms · {attempt.httpStatus ? `HTTP ${attempt.httpStatus}` : "no response"} ·{" "}
              {attempt.action} · {attempt.outcome} · worker {attempt.workerId}
            </p>
            {attempt.error && <p className="mt-1 text-red-800">{attempt.error}</p>}
            <details className="mt-2">
              <summary className="cursor-pointer">Request and response</summary>
              <pre tabIndex={0} className="mt-2 overflow-x-auto text-xs">
                {JSON.stringify(attempt.request, null, 2)}
              </pre>
              {attempt.responseExcerpt && (
                <pre tabIndex={0} className="mt-2 overflow-x-auto text-xs">
                  {attempt.responseExcerpt}
                </pre>
              )}
            </details>
          </li>
        ))}
      </ol>
    </>
  );
}

function consentText(consent: unknown) {
  const record = consent as { given?: boolean; wording?: string; version?: string; at?: string } | null;
  if (!record) return "not asked";
  return `${record.given ? "given" : "not given"} at ${record.at} to "${record.wording}" (version ${record.version})`;
}
