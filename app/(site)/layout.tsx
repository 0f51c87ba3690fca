import Link from "next/link";

export default function SiteLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200">
        <nav className="mx-auto flex max-w-5xl items-center justify-between px-6 py-4" aria-label="Main">
          <Link href="/" className="text-lg font-semibold text-brand-dark">
            LeadRelay
          </Link>
          {/* Not prefetched: a visitor's browser must not touch the dashboard (and its auth cookies) unless they click. */}
          <Link href="/dashboard" prefetch={false} className="text-sm text-slate-700 underline-offset-4 hover:underline">
            Marketer sign in
          </Link>
        </nav>
      </header>
      <main className="flex-1">{children}</main>
      <footer className="border-t border-slate-200 py-6 text-center text-sm text-slate-600">© LeadRelay</footer>
    </div>
  );
}
