"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the page every 3 s while a delivery is due, so a marketer sees it land without reloading. */
export function RefreshWhilePending({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 3000);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
