import type { Metadata } from "next";
import { AddPersonForm, PersonActions } from "@/components/dashboard/people-forms";
import { LocalTime } from "@/components/dashboard/local-time";
import { TableHead } from "@/components/dashboard/table-head";
import { requirePermission } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { listPeople } from "@/lib/users/people";
import { TableScroll } from "@/components/dashboard/table-scroll";

export const metadata: Metadata = { title: "People" };

const ROLE_NAMES = { ADMIN: "Admin", MARKETER: "Marketer", VIEWER: "Viewer" } as const;

export default async function PeoplePage() {
  await requirePermission("admin");
  const people = await listPeople(db());
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">People</h1>
      <p className="mb-4 text-sm text-slate-700">
        Admins do everything, including people and locations; marketers read, retry, release, discard, edit and export; viewers read and export.
      </p>
      <TableScroll label="People">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">Everyone who can sign in, active first</caption>
          <TableHead columns={["Email", "Name", "Role", "Added", "Access", "Change"]} />
          <tbody>
            {people.map((person) => (
              <tr key={person.id} data-testid="person-row" className="border-t border-slate-200 align-top">
                <td className="px-3 py-2">{person.email}</td>
                <td className="px-3 py-2">{person.name ?? <span className="text-slate-500">none given</span>}</td>
                <td className="px-3 py-2">{ROLE_NAMES[person.role]}</td>
                <td className="whitespace-nowrap px-3 py-2">
                  <LocalTime iso={person.createdAt.toISOString()} />
                </td>
                <td className="px-3 py-2">{person.deactivatedAt ? "Deactivated" : "Active"}</td>
                <td className="px-3 py-2">
                  <PersonActions userId={person.id} email={person.email} role={person.role} active={!person.deactivatedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <section className="mt-8 max-w-lg">
        <h2 className="text-lg font-semibold">Add a person</h2>
        <AddPersonForm />
      </section>
    </>
  );
}
