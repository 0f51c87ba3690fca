// `npm run user:create -- --email <email> --role <admin|marketer|viewer> [--password <password>]` and
// `npm run user:deactivate -- --email <email>`: the dashboard's People page, for a terminal or a deploy script.
// Prints what it did (and a generated password, once); exits non-zero with the reason when it cannot.
import { parseArgs } from "node:util";
import { recordAudit } from "@/lib/audit/log";
import { prepareEnvironment } from "@/lib/config/startup";
import { createDatabase } from "@/lib/db/client";
import { addPerson, updatePerson } from "@/lib/users/people";

const USAGE = `Usage:
  npm run user:create -- --email <email> --role <admin|marketer|viewer> [--password <password>]
  npm run user:deactivate -- --email <email>`;

const [command, ...rest] = process.argv.slice(2);
let options: { email?: string; role?: string; password?: string };
try {
  ({ values: options } = parseArgs({
    args: rest,
    options: { email: { type: "string" }, role: { type: "string" }, password: { type: "string" } },
    strict: true,
  }));
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if (command !== "create" && command !== "deactivate") fail(USAGE);
if (!options.email) fail(`--email is required\n${USAGE}`);
if (command === "create" && !options.role) fail(`--role is required (admin, marketer or viewer)\n${USAGE}`);

const { database } = await prepareEnvironment({ mode: "cli" });
const db = createDatabase(process.env.DATABASE_URL!);
try {
  process.exitCode = command === "create" ? await create() : await deactivate();
} finally {
  await db.$disconnect();
  await database?.stop();
}

async function create() {
  const result = await addPerson(db, { email: options.email!, role: options.role!.toUpperCase() as "ADMIN", password: options.password });
  if (result.kind === "invalid") return refuse(Object.values(result.errors).flat().join("; "));
  if (result.kind === "duplicate") return refuse(`${result.email} already has an account`);
  await recordAudit(db, { actor: null, action: "people.create", detail: { email: result.email, role: result.role, by: "command line" } });
  console.log(`Created ${result.role.toLowerCase()} ${result.email}.`);
  if (result.password) console.log(`One-time password (shown once; they can change it under Account): ${result.password}`);
  return 0;
}

async function deactivate() {
  const person = await db.user.findUnique({ where: { email: options.email!.trim().toLowerCase() }, select: { id: true } });
  if (!person) return refuse(`No account has the email ${options.email}`);
  const result = await updatePerson(db, person.id, { active: false });
  if (result.kind === "refused") return refuse(result.message);
  await recordAudit(db, {
    actor: null,
    // The dashboard's name for the same change, so the audit log's filter finds both.
    action: "people.change",
    detail: { intent: "deactivate", email: result.email, before: result.before, after: result.after, by: "command line" },
  });
  console.log(`Deactivated ${result.email}: their sessions have ended and they can no longer sign in.`);
  return 0;
}

function refuse(reason: string) {
  console.error(`user:${command}: ${reason}`);
  return 1;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
