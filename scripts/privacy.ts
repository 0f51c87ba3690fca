// `npm run privacy:export -- <email-or-phone>` prints everything held on a person as JSON; `npm run privacy:erase --
// <email-or-phone> [--upstream]` erases it, with --upstream deletes their contacts in LeadConnector too, and prints
// what it erased. Exits non-zero with the reason when it cannot (1 when a contact was not deleted upstream, the local
// erasure done all the same); finding nothing is not an error. A phone number without +country is read as a US
// number unless --country says otherwise.
import { parseArgs } from "node:util";
import { prepareEnvironment } from "@/lib/config/startup";
import { createDatabase } from "@/lib/db/client";
import { createLocationDirectory } from "@/lib/locations/directory";
import { eraseHeld, exportHeld, identify, type Erased } from "@/lib/privacy/requests";
import { notDeleted } from "@/lib/privacy/upstream";

const USAGE = `Usage:
  npm run privacy:export -- <email-or-phone> [--country GB]
  npm run privacy:erase -- <email-or-phone> [--upstream] [--country GB]`;

const [command, ...rest] = process.argv.slice(2);
let parsed: ReturnType<typeof parse>;
const parse = () => parseArgs({ args: rest, options: { country: { type: "string" }, upstream: { type: "boolean" } }, allowPositionals: true, strict: true });
try {
  parsed = parse();
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if ((command !== "export" && command !== "erase") || parsed.positionals.length !== 1) fail(USAGE);
if (command === "export" && parsed.values.upstream) fail(`--upstream belongs to privacy:erase\n${USAGE}`);
const identifier = identify(parsed.positionals[0], parsed.values.country?.toUpperCase());
if (!identifier) {
  console.error(`privacy:${command}: "${parsed.positionals[0]}" is neither an email address nor a phone number`);
  process.exit(1);
}

const { env, database } = await prepareEnvironment({ mode: "cli" });
const db = createDatabase(process.env.DATABASE_URL!);
try {
  if (command === "export") {
    console.log(JSON.stringify(await exportHeld(db, identifier), null, 2));
  } else {
    const hashKey = env.PRIVACY_HASH_KEY ?? env.AUTH_SECRET;
    if (!hashKey) {
      console.error("privacy:erase: set PRIVACY_HASH_KEY (or AUTH_SECRET): the audit log names the person by a keyed hash");
      process.exitCode = 1;
    } else {
      const upstream = parsed.values.upstream ? createLocationDirectory(db, env) : null;
      const erased = await eraseHeld(db, identifier, { actor: null, hashKey, upstream });
      console.log(
        `Erased ${identifier.kind} ${identifier.value}: ${erased.submissions} submission(s), ${erased.attempts} attempt(s), ` +
          `${erased.auditEntries} audit entr(y/ies), ${erased.signInFailures} failed sign-in(s). Audit log reference: ${erased.identifierHash}`,
      );
      printUpstream(erased);
      const left = erased.upstream ? notDeleted(erased.upstream).length : 0;
      if (left > 0) {
        console.error(
          `privacy:erase: ${left} contact(s) were not deleted in LeadConnector (listed above): delete them in HighLevel. The erasure here is done.`,
        );
        process.exitCode = 1;
      }
    }
  }
} finally {
  await db.$disconnect();
  await database?.stop();
}

/** Each contact's outcome upstream, and what is left for the admin to delete in HighLevel by hand. */
function printUpstream({ upstream, upstreamContacts }: Erased) {
  if (upstreamContacts.length === 0) return;
  if (!upstream) {
    console.log(`LeadConnector: not asked (--upstream); ${upstreamContacts.length} contact(s) stay there. Delete them in HighLevel:`);
    for (const c of upstreamContacts) console.log(`  contact ${c.contactId} in location ${c.locationId}`);
    return;
  }
  const said = { deleted: "deleted", gone: "already gone", refused: "NOT DELETED, refused", failed: "NOT DELETED" } as const;
  console.log(`LeadConnector: ${upstream.length} contact(s):`);
  for (const d of upstream) console.log(`  contact ${d.contactId} in location ${d.locationId}: ${said[d.kind]}${"reason" in d ? `: ${d.reason}` : ""}`);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
