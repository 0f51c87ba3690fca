import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ContactLinkNote } from "@/components/dashboard/contact-link";
import { EditSubmissionForm } from "@/components/dashboard/edit-submission-form";
import { LocalTime } from "@/components/dashboard/local-time";
import { RefreshWhilePending } from "@/components/dashboard/refresh-while-pending";
import { RetryButton } from "@/components/dashboard/retry-button";
import { StatusBadge } from "@/components/dashboard/status-badge";
import { SubmissionValues } from "@/components/dashboard/submission-values";
import { Timeline } from "@/components/dashboard/timeline";
import { requirePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { formCatalog } from "@/lib/forms/catalog";
import type { Attribution } from "@/lib/outbox/attribution";
import { UTM_NAMES } from "@/lib/outbox/attribution";
import { submissionHistory } from "@/lib/outbox/timeline";
import { withWording } from "@/lib/submission/consent";

export const metadata: Metadata = { title: "Submission" };

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("read");
  const id = z.uuid().safeParse((await params).id);
  const history = id.success ? await submissionHistory(db(), id.data) : null;
  if (!history) notFound();
  const { submission, timeline } = history;
  const form = formCatalog().find(submission.formId);
  const fields = (submission.fields ?? {}) as Record<string, unknown>;
  const [consent] = await withWording(db(), [submission.consent]);
  const attribution = (submission.attribution ?? {}) as Attribution;
  const editable = submission.status === "FAILED" && can(user.role, "act") && !!form;

  return (
    <>
      <RefreshWhilePending active={submission.status === "PENDING" || submission.status === "RETRYING"} />
      <Link href="/dashboard" className="text-sm text-brand underline-offset-4 hover:underline">
        ← Outbox
      </Link>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">Submission</h1>
        <span data-testid="submission-status">
          <StatusBadge status={submission.status} />
        </span>
        {submission.status === "FAILED" && can(user.role, "act") && <RetryButton submissionId={submission.id} />}
      </div>
      <p className="mt-1 text-sm text-slate-700">
        {form?.title ?? submission.formId} · submitted <LocalTime iso={submission.createdAt.toISOString()} /> · location {submission.locationId}
      </p>
      {submission.lastError && submission.status !== "DELIVERED" && <p className="mt-2 text-sm text-red-800">Last error: {submission.lastError}</p>}

      <div className="mt-6 grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="values-heading">
          <h2 id="values-heading" className="text-lg font-semibold">
            Values
          </h2>
          {!form && <p className="text-sm text-slate-700">The form “{submission.formId}” no longer exists: values are labelled by their keys.</p>}
          <div className="mt-2">
            <SubmissionValues form={form} fields={fields} />
          </div>
        </section>
        <div className="space-y-6">
          <section aria-labelledby="contact-heading">
            <h2 id="contact-heading" className="text-lg font-semibold">
              Contact in LeadConnector
            </h2>
            <p className="mt-2 text-sm">
              {submission.contactId ? <ContactLinkNote contactId={submission.contactId} link={submission.contactLink} /> : "None yet."}
              {submission.assignedTo && <span className="block">Assigned to user {submission.assignedTo}</span>}
            </p>
          </section>
          <section aria-labelledby="consent-heading">
            <h2 id="consent-heading" className="text-lg font-semibold">
              Consent
            </h2>
            {consent ? (
              <>
                {consent.boxes.map((box) => (
                  <div key={box.channels.join(",")} className="mt-2" data-testid={`consent-${box.channels.join("-")}`}>
                    <h3 className="text-sm font-semibold">
                      {box.channels.join(", ")}: {box.given ? "given" : "not given"}
                    </h3>
                    <Facts
                      rows={[
                        ["Wording shown", box.wording ?? "(wording not on record)"],
                        ["Version", box.version],
                      ]}
                    />
                  </div>
                ))}
                <Facts
                  rows={[
                    ["Time", <LocalTime key="at" iso={consent.at} />],
                    ["Page", consent.pageUrl],
                    ["User agent", consent.userAgent],
                    // A keyed hash: enough to match two posts from one address, never the address.
                    ["Address hash", consent.ipHash ? <span title={consent.ipHash}>{consent.ipHash.slice(0, 12)}…</span> : undefined],
                  ]}
                />
              </>
            ) : (
              <p className="mt-2 text-sm">{submission.scrubbedAt ? "Removed with the personal data." : "This form does not ask for consent."}</p>
            )}
          </section>
          <section aria-labelledby="attribution-heading">
            <h2 id="attribution-heading" className="text-lg font-semibold">
              Attribution
            </h2>
            <Facts
              rows={[
                ["Partner", attribution.partner ? `${attribution.partner.name} (${attribution.partner.id})` : (submission.partnerId ?? "none")],
                ["Page", attribution.landingUrl ?? submission.pageUrl],
                ["Referrer", attribution.referrer],
                ...UTM_NAMES.map((name): [string, string | undefined] => [name, attribution.utm?.[name]]),
              ]}
            />
          </section>
        </div>
      </div>

      {editable && (
        <section aria-labelledby="edit-heading" className="mt-8 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="edit-heading" className="text-lg font-semibold">
            Edit and resend
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            Correct the value LeadConnector refused. The original values stay in the history below; consent cannot be changed.
          </p>
          <EditSubmissionForm submissionId={submission.id} fields={form.fields.filter((f) => f.kind !== "consent")} values={fields} />
        </section>
      )}

      <section aria-labelledby="timeline-heading" className="mt-8">
        <h2 id="timeline-heading" className="text-lg font-semibold">
          Timeline
        </h2>
        <div className="mt-2">
          <Timeline events={timeline} form={form} />
        </div>
      </section>
    </>
  );
}

function Facts({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-medium">{label}</dt>
          <dd className="break-words">{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
