import { notFound } from "next/navigation";
import { LeadForm } from "@/components/lead-form";
import { findForm } from "@/lib/forms/registry";

/** The form alone, for partner iframes; framing is allowed by the request gate per EMBED_ALLOWED_ORIGINS. */
export default async function EmbedPage({ params }: { params: Promise<{ form: string }> }) {
  const { form } = await params;
  if (!findForm(form)) notFound();
  return (
    <main className="p-4">
      <LeadForm formId={form} />
    </main>
  );
}

export function generateStaticParams() {
  return [{ form: "contact" }];
}
