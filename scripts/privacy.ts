// `npm run privacy:export -- <email-or-phone>` prints everything held on a person as JSON; `npm run privacy:erase --
// <email-or-phone>` erases it and prints what it erased. Exits non-zero with the reason when it cannot; finding
// nothing is not an error. A phone number without +country is read as a US number unless --country says otherwise.
import { parseArgs } from "node:util";
import { prepareEnvironment } from "@/lib/config/startup";
import { createDatabase } from "@/lib/db/client";
import { eraseHeld, exportHeld, identify } from "@/lib/privacy/requests";

const USAGE = `Usage:
  npm run privacy:export -- <email-or-phone> [--country GB]
  npm run privacy:erase -- <email-or-phone> [--country GB]`;

const [command, ...rest] = process.argv.slice(2);
let parsed: ReturnType<typeof parse>;
const parse = () => parseArgs({ args: rest, options: { country: { type: "string" } }, allowPositionals: true, strict: true });
try {
  parsed = parse();
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if ((command !== "export" && command !== "erase") || parsed.positionals.length !== 1) fail(USAGE);
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
      const erased = await eraseHeld(db, identifier, { actor: null, hashKey });
      console.log(
        `Erased ${identifier.kind} ${identifier.value}: ${erased.submissions} submission(s), ${erased.attempts} attempt(s), ` +
          `${erased.auditEntries} audit entr(y/ies), ${erased.signInFailures} failed sign-in(s). Audit log reference: ${erased.identifierHash}`,
      );
    }
  }
} finally {
  await db.$disconnect();
  await database?.stop();
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
