import type { LandingPage } from "@/lib/landing/definition";
import { VisitorForm } from "./visitor-form";

/** One landing page: its pitch beside its form, both from the page's definition in content/landing/. */
export function LandingPageView({ page }: { page: LandingPage }) {
  return (
    <div className="mx-auto grid max-w-5xl gap-12 px-6 py-16 md:grid-cols-2">
      <section>
        <h1 className="text-4xl font-bold tracking-tight text-slate-900">{page.hero.heading}</h1>
        <p className="mt-4 text-lg text-slate-700">{page.hero.body}</p>
        {page.hero.points && (
          <ul className="mt-6 list-disc space-y-2 pl-5 text-slate-700">
            {page.hero.points.map((point) => (
              <li key={point}>{point}</li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby={`${page.form.id}-heading`} className="rounded-xl border border-slate-200 p-6 shadow-sm">
        <h2 id={`${page.form.id}-heading`} className="mb-4 text-xl font-semibold">
          {page.form.title}
        </h2>
        <VisitorForm form={page.form} />
      </section>
    </div>
  );
}
