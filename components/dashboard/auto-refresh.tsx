"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-reads the server-rendered outbox while the tab is visible, so statuses move on their own. */
export function AutoRefresh({ everyMs = 3000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
