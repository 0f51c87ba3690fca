import Link from "next/link";
import { requirePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { logOut } from "@/lib/auth/actions";
import { env } from "@/lib/config/env";
import { isSandbox } from "@/lib/locations/directory";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePermission();
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-6 py-3">
          <div className="flex flex-wrap items-center gap-3">
            <Link href="/dashboard" className="font-semibold text-brand-dark">
              LeadRelay
            </Link>
            <nav aria-label="Dashboard" className="flex flex-wrap gap-3 text-sm">
              <Link href="/dashboard" className="underline-offset-4 hover:underline">
                Outbox
              </Link>
              <Link href="/dashboard/overview" className="underline-offset-4 hover:underline">
                Overview
              </Link>
              <Link href="/dashboard/locations" className="underline-offset-4 hover:underline">
                Locations
              </Link>
              {can(user.role, "admin") && (
                <>
                  <Link href="/dashboard/people" className="underline-offset-4 hover:underline">
                    People
                  </Link>
                  <Link href="/dashboard/audit" className="underline-offset-4 hover:underline">
                    Audit log
                  </Link>
                  <Link href="/dashboard/privacy" className="underline-offset-4 hover:underline">
                    Privacy
                  </Link>
                </>
              )}
              <Link href="/dashboard/account" className="underline-offset-4 hover:underline">
                Account
              </Link>
            </nav>
            {isSandbox(env()) && (
              <span
                className="rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-900"
                title="No LEADCONNECTOR_TOKEN is set: contacts go to an in-process stand-in"
              >
                Sandbox
              </span>
            )}
          </div>
          <form action={logOut} className="flex min-w-0 flex-wrap items-center gap-3 text-sm text-slate-700">
            <span className="break-all">{user.email}</span>
            <button type="submit" className="underline underline-offset-4">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </div>
  );
}
