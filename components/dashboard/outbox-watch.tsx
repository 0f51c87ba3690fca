"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { watchOutbox } from "@/lib/dashboard/outbox-actions";

/**
 * Keeps the newest page of the outbox current without making it jump: a small poll counts rows that arrived above
 * its newest row and announces them as a link, and re-renders the page only when one of its own rows changed (a
 * status, an attempt). Once something has arrived the page is pinned at its top row, so that re-render keeps it.
 */
export function OutboxWatch({
  query,
  top,
  ids,
  version,
  pinnedHref,
  freshHref,
  refresh = true,
  everyMs = 3000,
}: {
  /** The filter's URL parameters (search sealed). */
  query: string;
  /** The page's newest row as a cursor; null when the page is empty. */
  top: string | null;
  ids: string[];
  version: string;
  /** This page pinned at its top row, or null when it already is. */
  pinnedHref: string | null;
  /** The newest page, new arrivals included. */
  freshHref: string;
  /** False where a re-render would lose what the marketer is doing (ticked rows on the Held tab). */
  refresh?: boolean;
  everyMs?: number;
}) {
  const router = useRouter();
  const [newer, setNewer] = useState(0);
  const key = ids.join(",");
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      if (document.visibilityState !== "visible") return;
      const seen = await watchOutbox(query, top, key ? key.split(",") : []);
      if (stopped || !seen) return;
      setNewer(seen.newer);
      if (seen.newer > 0 && pinnedHref) router.replace(pinnedHref, { scroll: false });
      else if (refresh && seen.version !== version) router.refresh();
    }, everyMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [router, query, top, key, version, pinnedHref, refresh, everyMs]);
  return (
    <div role="status" aria-live="polite" className="min-h-0">
      {newer > 0 && (
        <Link href={freshHref} className="mb-3 inline-block rounded-md bg-brand px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-dark">
          {newer === 1 ? "1 new submission" : `${newer} new submissions`}
        </Link>
      )}
    </div>
  );
}
