import pg from "pg";
import { ConfigError, readEnv, type Env } from "@/lib/config/env";
import { createDatabase } from "@/lib/db/client";
import { readMigrations } from "@/lib/db/migrate";
import { createLocationDirectory, isSandbox } from "@/lib/locations/directory";

/** One finding: `fail` must be fixed before the deployment can work; `warn` works but deserves a look. */
export type Finding = { level: "ok" | "warn" | "fail"; check: string; message: string; fix?: string };

export type DoctorOptions = {
  source?: Record<string, string | undefined>;
  /** Configuration and database only: no call to LeadConnector (for frequent health checks). */
  offline?: boolean;
  /** Clock skew beyond which signed form tokens and upstream timestamps go wrong. */
  maxSkewMs?: number;
};

/** An address no contact has, so the token check reads nothing of anyone's. */
const PROBE_EMAIL = "leadrelay-doctor@example.invalid";

/** Checks a deployment's configuration and connectivity; never throws, every problem is a finding. */
export async function runDoctor({ source = process.env, offline = false, maxSkewMs = 30_000 }: DoctorOptions = {}): Promise<Finding[]> {
  const findings: Finding[] = [];
  let env: Env;
  try {
    env = readEnv(source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [
      {
        level: "fail",
        check: "configuration",
        message: error.message.replace(/^Invalid configuration:\n/, "").trim(),
        fix: "correct the variables named above",
      },
    ];
  }
  findings.push({ level: "ok", check: "configuration", message: "every variable is valid" });
  if (!env.AUTH_SECRET)
    findings.push({
      level: "fail",
      check: "configuration",
      message: "AUTH_SECRET is not set",
      fix: "set AUTH_SECRET (openssl rand -base64 33); `npm start` refuses to run without it",
    });
  findings.push(...embedOrigins(env));
  if (env.DELIVERY_LEASE_MS < 2 * env.LEADCONNECTOR_TIMEOUT_MS) {
    // Renewal runs on the event loop: a busy process renews late, and a lease that lapses under a call in flight
    // lets another process look up, find nothing yet, and create the same contact again.
    findings.push({
      level: "fail",
      check: "delivery lease",
      message: `DELIVERY_LEASE_MS (${env.DELIVERY_LEASE_MS}) is under twice LEADCONNECTOR_TIMEOUT_MS (${env.LEADCONNECTOR_TIMEOUT_MS}): a call can outlive its lease and the contact be created twice`,
      fix: `raise DELIVERY_LEASE_MS to at least ${2 * env.LEADCONNECTOR_TIMEOUT_MS} (default 60000) or lower LEADCONNECTOR_TIMEOUT_MS`,
    });
  }

  if (!env.DATABASE_URL) {
    findings.push({
      level: "fail",
      check: "database",
      message: "DATABASE_URL is not set",
      fix: "set DATABASE_URL to the deployment's PostgreSQL (the embedded database is for development only)",
    });
    return findings;
  }
  const database = await databaseFindings(env.DATABASE_URL);
  findings.push(...database);
  if (offline || database.some((f) => f.level === "fail")) return findings;
  findings.push(...(await locationFindings(env, maxSkewMs)));
  return findings;
}

function embedOrigins(env: Env): Finding[] {
  const origins = [...env.EMBED_ALLOWED_ORIGINS, ...env.EMBED_PARTNERS.flatMap((p) => p.origins)];
  const plain = origins.filter((o) => o.startsWith("http://") && !/^http:\/\/(localhost|127\.0\.0\.1)(:|$)/.test(o));
  const findings: Finding[] = [
    { level: "ok", check: "embed origins", message: origins.length ? `${origins.length} well-formed origin(s)` : "none: no site may frame the forms" },
  ];
  if (plain.length)
    findings.push({
      level: "warn",
      check: "embed origins",
      message: `plain http origin(s) may frame forms: ${plain.join(", ")}`,
      fix: "use the partners' https:// origins",
    });
  return findings;
}

async function databaseFindings(url: string): Promise<Finding[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    return [
      {
        level: "fail",
        check: "database",
        message: `cannot connect: ${(error as Error).message}`,
        fix: "check DATABASE_URL's host, port, user and password, and that PostgreSQL accepts connections from here",
      },
    ];
  }
  try {
    const exists = await client.query<{ present: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
    const rows = exists.rows[0].present
      ? (
          await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
            `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
          )
        ).rows
      : [];
    const applied = new Map(rows.map((r) => [r.migration_name, r]));
    const migrations = await readMigrations();
    const pending = migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
    const changed = migrations.filter((m) => applied.has(m.name) && applied.get(m.name)!.checksum !== m.checksum).map((m) => m.name);
    const unfinished = rows.filter((r) => !r.finished_at).map((r) => r.migration_name);
    const findings: Finding[] = [{ level: "ok", check: "database", message: "reachable" }];
    if (unfinished.length)
      findings.push({
        level: "fail",
        check: "migrations",
        message: `started but never finished: ${unfinished.join(", ")}`,
        fix: "repair the database by hand, then run npm run db:migrate",
      });
    if (changed.length)
      findings.push({
        level: "fail",
        check: "migrations",
        message: `changed after they were applied: ${changed.join(", ")}`,
        fix: "deploy the release whose migrations match this database",
      });
    if (pending.length)
      findings.push({
        level: "fail",
        check: "migrations",
        message: `${pending.length} pending: ${pending.join(", ")}`,
        fix: "run npm run db:migrate (or node leadrelay/migrate.mjs in the image)",
      });
    if (!unfinished.length && !changed.length && !pending.length)
      findings.push({ level: "ok", check: "migrations", message: `all ${migrations.length} applied` });
    return findings;
  } finally {
    await client.end();
  }
}

async function locationFindings(env: Env, maxSkewMs: number): Promise<Finding[]> {
  if (isSandbox(env))
    return [
      {
        level: "warn",
        check: "LeadConnector",
        message: "no LEADCONNECTOR_TOKEN: sandbox mode, contacts are not sent anywhere",
        fix: "set LEADCONNECTOR_TOKEN and LEADCONNECTOR_LOCATION_ID",
      },
    ];
  const db = createDatabase(env.DATABASE_URL!);
  try {
    const stored = await db.location.findMany({ where: { tokenCiphertext: { not: null } }, select: { id: true }, orderBy: { id: "asc" } });
    const ids = [...new Set([env.LEADCONNECTOR_LOCATION_ID!, ...stored.map((l) => l.id)])];
    const directory = createLocationDirectory(db, env);
    const findings: Finding[] = [];
    let skewChecked = false;
    for (const id of ids) {
      const where = id === env.LEADCONNECTOR_LOCATION_ID ? "LEADCONNECTOR_TOKEN" : `the token stored for location ${id} (dashboard, Locations)`;
      let access;
      try {
        access = await directory.access(id);
      } catch {
        findings.push({
          level: "fail",
          check: `location ${id}`,
          message: "its stored token cannot be decrypted",
          fix: "set the TOKEN_ENCRYPTION_KEY it was saved with, or save the token again",
        });
        continue;
      }
      if (!access) {
        findings.push({
          level: "fail",
          check: `location ${id}`,
          message: "has a stored token but TOKEN_ENCRYPTION_KEY is not set",
          fix: "set TOKEN_ENCRYPTION_KEY",
        });
        continue;
      }
      const sentAt = Date.now();
      const call = await access.client.findDuplicate({ locationId: id, email: PROBE_EMAIL });
      if (call.kind !== "response") {
        findings.push({
          level: "fail",
          check: `location ${id}`,
          message: `LeadConnector unreachable: ${call.kind === "timeout" ? call.error : call.error || "network error"}`,
          fix: `check LEADCONNECTOR_BASE_URL (${env.LEADCONNECTOR_BASE_URL}) and outbound HTTPS from this host`,
        });
        continue;
      }
      if (call.status === 401 || call.status === 403)
        findings.push({
          level: "fail",
          check: `location ${id}`,
          message: `token refused (${call.status})`,
          fix: `replace ${where}: it must be a Private Integration Token of location ${id} with the contacts scopes`,
        });
      else if (call.status === 429)
        findings.push({
          level: "warn",
          check: `location ${id}`,
          message: "rate-limited right now (429): the token was not checked",
          fix: "run the doctor again in a minute",
        });
      else if (call.status >= 200 && call.status < 300) findings.push({ level: "ok", check: `location ${id}`, message: "token accepted" });
      else
        findings.push({
          level: "fail",
          check: `location ${id}`,
          message: `unexpected answer ${call.status}: ${call.body.slice(0, 200)}`,
          fix: `check LEADCONNECTOR_LOCATION_ID and ${where}`,
        });

      const date = call.headers.get("date");
      if (!skewChecked && date && !Number.isNaN(Date.parse(date))) {
        skewChecked = true;
        // The header has whole seconds: compare with the middle of the call, allowing a second for rounding.
        const skew = Date.parse(date) - (sentAt + call.durationMs / 2);
        const seconds = Math.round(skew / 1000);
        findings.push(
          Math.abs(skew) > maxSkewMs
            ? {
                level: "fail",
                check: "clock",
                message: `this host's clock is ${Math.abs(seconds)} s ${skew > 0 ? "behind" : "ahead of"} LeadConnector's`,
                fix: "enable time synchronisation (systemd-timesyncd, chrony or your cloud's NTP)",
              }
            : { level: "ok", check: "clock", message: `within ${Math.max(1, Math.abs(seconds))} s of LeadConnector's` },
        );
      }
    }
    return findings;
  } finally {
    await db.$disconnect();
  }
}
