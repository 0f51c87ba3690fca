import Link from "next/link";

type Paused = { id: string; name: string; pauseReason: string | null; waiting: number };

/** Tells the marketer which locations need attention before they wonder why leads wait. */
export function PausedLocations({ locations }: { locations: Paused[] }) {
  if (locations.length === 0) return null;
  return (
    <div role="alert" className="mb-4 space-y-2">
      {locations.map((location) => (
        <div key={location.id} className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <strong>
            {location.name} ({location.id}) needs attention:
          </strong>{" "}
          {location.pauseReason} Deliveries are paused; {location.waiting} {location.waiting === 1 ? "submission waits" : "submissions wait"}.{" "}
          <Link href="/dashboard/locations" className="underline underline-offset-4">
            Manage locations
          </Link>
        </div>
      ))}
    </div>
  );
}

type Degraded = { id: string; name: string; degradedReason: string | null };

/** Locations still delivering, but without the safety of a lookup: shown so the missing scope gets added. */
export function DegradedLocations({ locations }: { locations: Degraded[] }) {
  if (locations.length === 0) return null;
  return (
    <div role="status" className="mb-4 space-y-2">
      {locations.map((location) => (
        <div key={location.id} className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <strong>
            {location.name} ({location.id}) is degraded:
          </strong>{" "}
          {location.degradedReason}{" "}
          <Link href="/dashboard/locations" className="underline underline-offset-4">
            Manage locations
          </Link>
        </div>
      ))}
    </div>
  );
}
