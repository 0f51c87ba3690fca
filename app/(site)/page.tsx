import { LeadForm } from "@/components/lead-form";

export default function HomePage() {
  return (
    <div className="mx-auto grid max-w-5xl gap-12 px-6 py-16 md:grid-cols-2">
      <section>
        <h1 className="text-4xl font-bold tracking-tight text-slate-900">Every lead, straight into your CRM.</h1>
        <p className="mt-4 text-lg text-slate-700">
          Tell us a little about yourself and our team will get back to you within one business day. Your details go straight to the people
          who can help, and nowhere else.
        </p>
        <ul className="mt-6 list-disc space-y-2 pl-5 text-slate-700">
          <li>A reply from a person, not a bot</li>
          <li>No spam: unsubscribe with one click</li>
          <li>Your data stays with us</li>
        </ul>
      </section>
      <section aria-labelledby="contact-heading" className="rounded-xl border border-slate-200 p-6 shadow-sm">
        <h2 id="contact-heading" className="mb-4 text-xl font-semibold">
          Talk to us
        </h2>
        <LeadForm formId="contact" />
      </section>
    </div>
  );
}
