import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded";
import { ConfigError, readEnv, type Env } from "./env";

/** Where the zero-config path keeps its database and generated secret (git-ignored). */
export const DATA_DIR = path.resolve(".data");

/**
 * Fills in what the zero-config path may fill (database, dev secret) and checks the rest.
 * Exits with the reason on bad configuration, so a command never starts half-configured.
 */
export async function prepareEnvironment({ mode }: { mode: "dev" | "start" | "worker" | "migrate" }): Promise<{ env: Env; database: EmbeddedDatabase | null }> {
  let env: Env;
  try {
    env = readEnv();
    if (mode === "dev" && !env.AUTH_SECRET) process.env.AUTH_SECRET = await devSecret("auth-secret", 33);
    if (mode === "dev" && !env.TOKEN_ENCRYPTION_KEY) process.env.TOKEN_ENCRYPTION_KEY = await devSecret("token-key", 32, "base64");
    if (mode === "start" && !env.AUTH_SECRET) throw new ConfigError("Invalid configuration:\n  AUTH_SECRET is required by `npm start` (generate one with: openssl rand -base64 33)");
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let database: EmbeddedDatabase | null = null;
  if (!env.DATABASE_URL) {
    database = await startEmbeddedPostgres(DATA_DIR);
    process.env.DATABASE_URL = database.url;
    console.log(`[leadrelay] No DATABASE_URL: using the embedded PostgreSQL in ${path.relative(process.cwd(), DATA_DIR)}/postgres`);
  }
  return { env: readEnv(), database };
}

/** A dev-only secret, generated once and kept in .data/, so sessions and stored tokens survive restarts. */
async function devSecret(name: string, bytes: number, encoding: BufferEncoding = "base64url") {
  const file = path.join(DATA_DIR, name);
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    const secret = randomBytes(bytes).toString(encoding);
    await mkdir(DATA_DIR, { recursive: true });
    await writeFile(file, secret + "\n", { mode: 0o600 });
    return secret;
  }
}
