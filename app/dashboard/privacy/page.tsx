import type { Metadata } from "next";
import { PrivacyRequest } from "@/components/dashboard/privacy-request";
import { requirePermission } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Privacy requests" };

export default async function PrivacyPage() {
  await requirePermission("admin");
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">Privacy requests</h1>
      <p className="mb-4 max-w-2xl text-sm text-slate-700">
        When a person asks what LeadRelay holds on them, or asks for it to be erased: find it by their email or phone number (any format), export it as JSON or
        CSV, or erase it, and with a separate tick delete their contacts in HighLevel too (the location&apos;s token needs the <code>contacts.write</code>{" "}
        scope). The same from a terminal: <code>npm run privacy:export -- &lt;email-or-phone&gt;</code> and{" "}
        <code>npm run privacy:erase -- &lt;email-or-phone&gt; [--upstream]</code>.
      </p>
      <PrivacyRequest />
    </>
  );
}
