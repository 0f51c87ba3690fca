"use client";

import { useSyncExternalStore } from "react";
import { formatTime } from "@/lib/dates";

// The zone's name is shown: a marketer reading a colleague's screenshot knows which clock it is.
const LOCAL = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZoneName: "short",
});
const noSubscription = () => () => {};

/**
 * A time in the marketer's own zone, as the browser knows it; UTC in the title. The server renders UTC and the
 * browser switches after hydration (the server snapshot), so the two renders agree and React warns of nothing.
 */
export function LocalTime({ iso }: { iso: string }) {
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={formatTime(date)}>
      {inBrowser ? LOCAL.format(date) : formatTime(date)}
    </time>
  );
}
