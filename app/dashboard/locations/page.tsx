import type { Metadata } from "next";
import { CheckMapping } from "@/components/dashboard/check-mapping";
import { LocationForm } from "@/components/dashboard/location-form";
import { TableHead } from "@/components/dashboard/table-head";
import { requirePermission } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/config/env";
import { formatTime } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { listLocations } from "@/lib/outbox/queries";
import { TableScroll } from "@/components/dashboard/table-scroll";

export const metadata: Metadata = { title: "Locations" };

export default async function LocationsPage() {
  const user = await requirePermission();
  const locations = await listLocations(db());
  const config = env();
  const admin = can(user.role, "admin");
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">Locations</h1>
      <TableScroll label="Locations">
        <table className="min-w-full text-left text-sm">
          <TableHead columns={["Name", "Location id", "Token", "Status", "Waiting", ...(admin ? ["Mapping"] : [])]} />
          <tbody>
            {locations.map((location) => (
              <tr key={location.id} data-testid="location-row" className="border-t border-slate-200 align-top">
                <td className="px-3 py-2">{location.name}</td>
                <td className="px-3 py-2 font-mono text-xs">{location.id}</td>
                <td className="px-3 py-2">
                  {location.tokenLast4 ? `••••${location.tokenLast4}` : "none"}
                  <span className="text-slate-500">
                    {" "}
                    {location.id === config.LEADCONNECTOR_LOCATION_ID ? "(LEADCONNECTOR_TOKEN)" : location.tokenLast4 ? "(stored encrypted)" : ""}
                  </span>
                </td>
                <td className="px-3 py-2">
                  {location.pausedAt ? (
                    <span className="text-amber-900">
                      Needs attention since {formatTime(location.pausedAt)}: {location.pauseReason}
                    </span>
                  ) : location.degradedAt ? (
                    <span data-testid="location-degraded" className="text-amber-900">
                      Degraded since {formatTime(location.degradedAt)}: {location.degradedReason}
                    </span>
                  ) : (
                    "Active"
                  )}
                </td>
                <td className="px-3 py-2">{location.waiting}</td>
                {admin && (
                  <td className="px-3 py-2">
                    <CheckMapping locationId={location.id} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {admin && (
        <section className="mt-8 max-w-lg">
          <h2 className="text-lg font-semibold">Add a location or replace its token</h2>
          <p className="mt-1 text-sm text-slate-700">
            Use the sub-account&apos;s Private Integration Token (scopes contacts.write and contacts.readonly, and locations/customFields.readonly for Check
            mapping). It is stored encrypted and never shown again.
          </p>
          <LocationForm />
        </section>
      )}
    </>
  );
}
