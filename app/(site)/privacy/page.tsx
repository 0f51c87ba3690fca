import type { Metadata } from "next";
import { privacyNotice } from "@/content/privacy";

export const metadata: Metadata = { title: privacyNotice.title };

/** The site's default privacy notice (PRIVACY_NOTICE_URL points elsewhere when an organisation has its own). */
export default function PrivacyNoticePage() {
  return (
    <article className="mx-auto max-w-3xl px-6 py-12">
      <h1 className="text-3xl font-bold text-slate-900">{privacyNotice.title}</h1>
      <p className="mt-2 text-sm text-slate-600">Last updated {privacyNotice.updated}</p>
      {privacyNotice.sections.map((section) => (
        <section key={section.heading} className="mt-8">
          <h2 className="text-xl font-semibold text-slate-900">{section.heading}</h2>
          <p className="mt-2 text-slate-700">{section.body}</p>
        </section>
      ))}
    </article>
  );
}
