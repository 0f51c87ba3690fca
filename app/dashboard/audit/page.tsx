import type { Metadata } from "next";
import Link from "next/link";
import { TableHead } from "@/components/dashboard/table-head";
import { secondaryButton } from "@/components/ui/styles";
import { auditActions, auditEntries } from "@/lib/audit/entries";
import { requirePermission } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { TableScroll } from "@/components/dashboard/table-scroll";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  await requirePermission("admin");
  const query = await searchParams;
  const one = (name: string) => (typeof query[name] === "string" && query[name] ? (query[name] as string).slice(0, 200) : undefined);
  const before = /^\d{1,19}$/.test(one("before") ?? "") ? BigInt(one("before")!) : undefined;
  const filter = { action: one("action"), actor: one("actor") };
  const [{ entries, older }, actions] = await Promise.all([auditEntries(db(), { ...filter, before }), auditActions(db())]);
  const olderHref = older ? `/dashboard/audit?${new URLSearchParams({ ...definedOnly(filter), before: String(older) })}` : null;
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">Audit log</h1>
      <p className="mb-4 text-sm text-slate-700">
        Every change made in the dashboard or by a command, every sign-in and every failed one. Entries are never changed or removed; passwords and tokens are
        never in them.
      </p>
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2 text-sm">
        <label>
          <span className="block font-medium text-slate-800">Action</span>
          <select name="action" defaultValue={filter.action ?? ""} className="mt-1 rounded-md border border-slate-300 px-2 py-1">
            <option value="">Any action</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="block font-medium text-slate-800">Who (email contains)</span>
          <input name="actor" defaultValue={filter.actor ?? ""} className="mt-1 rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <button type="submit" className={secondaryButton}>
          Filter
        </button>
      </form>
      {entries.length === 0 ? (
        <p className="text-slate-700">No entries{filter.action || filter.actor ? " match this filter" : " yet"}.</p>
      ) : (
        <TableScroll label="Audit log">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Audit log, newest first</caption>
            <TableHead columns={["When", "Who", "What", "Submissions", "Details"]} />
            <tbody>
              {entries.map((entry) => (
                <tr key={String(entry.id)} data-testid="audit-row" className="border-t border-slate-200 align-top">
                  <td className="whitespace-nowrap px-3 py-2">
                    {/* UTC, as stored: entries are compared across people and servers, whatever their zone. */}
                    <time dateTime={entry.at.toISOString()} className="font-mono text-xs">
                      {entry.at.toISOString()}
                    </time>
                  </td>
                  <td className="px-3 py-2">{entry.actorEmail ?? (entry.action.startsWith("sign-in") ? "unknown account" : "a command on the server")}</td>
                  <td className="px-3 py-2 font-mono text-xs">{entry.action}</td>
                  <td className="px-3 py-2">
                    {entry.submissionIds.length > 3
                      ? `${entry.submissionIds.length} submissions`
                      : entry.submissionIds.map((id) => (
                          <Link
                            key={id}
                            href={`/dashboard/submissions/${id}`}
                            className="block font-mono text-xs text-brand underline-offset-4 hover:underline"
                          >
                            {id.slice(0, 8)}
                          </Link>
                        ))}
                  </td>
                  <td className="px-3 py-2">
                    <Details detail={entry.detail} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {(olderHref || before) && (
        <nav aria-label="Audit log pages" className="mt-4 flex gap-4">
          {before && (
            <Link href={`/dashboard/audit?${new URLSearchParams(definedOnly(filter))}`} className="text-brand underline underline-offset-4">
              Newest entries
            </Link>
          )}
          {olderHref && (
            <Link href={olderHref} className="text-brand underline underline-offset-4">
              Older entries
            </Link>
          )}
        </nav>
      )}
    </>
  );
}

/** An entry's detail as label: value lines; a before and after as what changed ("role: ADMIN → VIEWER"). */
function Details({ detail }: { detail: unknown }) {
  if (!detail || typeof detail !== "object" || Array.isArray(detail)) return null;
  const { before, after, ...rest } = detail as Record<string, unknown>;
  const lines = Object.entries(rest)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => [key, readable(value)] as const);
  if (isRecord(before) && isRecord(after)) {
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => readable(before[key]) !== readable(after[key]));
    lines.push(["changed", changed.map((key) => `${key}: ${readable(before[key])} → ${readable(after[key])}`).join("; ") || "nothing"]);
  } else {
    if (before !== undefined) lines.push(["before", readable(before)]);
    if (after !== undefined) lines.push(["after", readable(after)]);
  }
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
      {lines.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="text-slate-600">{key}</dt>
          <dd className="break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

// Nested values (a filter, a list) as "key: value" pairs rather than raw JSON.
function readable(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.map(readable).join(", ");
  if (isRecord(value))
    return Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${k}: ${readable(v)}`)
      .join(", ");
  return String(value);
}

function definedOnly(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
