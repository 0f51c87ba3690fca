import nextEnv from "@next/env";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded";
import { ConfigError, readEnv, type Env } from "./env";

/** Where the zero-config path keeps its database and generated secrets (git-ignored). */
export const DATA_DIR = path.resolve(".data");

/** `dev` and `start` serve the site; `worker` delivers; `cli` is every other command (db:migrate, outbox:stats, …). */
export type Mode = "dev" | "start" | "worker" | "cli";

/** Secrets the zero-config path generates into DATA_DIR, so every process on that folder agrees on them. */
const GENERATED = [
  { name: "AUTH_SECRET", file: "auth-secret", bytes: 33, encoding: "base64url" },
  { name: "TOKEN_ENCRYPTION_KEY", file: "token-key", bytes: 32, encoding: "base64" },
  { name: "PRIVACY_HASH_KEY", file: "privacy-hash-key", bytes: 33, encoding: "base64url" },
] as const;

/** Production is `npm start` (Next's own rule) or any other command run with NODE_ENV=production. */
export function isProduction(mode: Mode, nodeEnv: string | undefined = process.env.NODE_ENV) {
  return mode === "start" || (mode !== "dev" && nodeEnv === "production");
}

/**
 * Loads `.env*` exactly as Next does (`@next/env`, same files and precedence: development vs production, `.env.test*`
 * without `.env.local` under NODE_ENV=test); variables already set win. Returns the files read.
 */
export function loadEnvFiles(mode: Mode, dir = process.cwd()): string[] {
  const { loadedEnvFiles } = nextEnv.loadEnvConfig(dir, !isProduction(mode), { info: () => {}, error: console.error });
  return loadedEnvFiles.map((file) => file.path);
}

/**
 * What a mode does with the generated secrets: `generate` (create when missing, then use), `read` (use when present),
 * or `none`. Development processes share them; `npm start` reads them only on the embedded database (a build tried
 * beside the dev data), so production never runs on a secret it did not set.
 */
export function generatedSecretsPolicy(mode: Mode, { embedded, nodeEnv = process.env.NODE_ENV }: { embedded: boolean; nodeEnv?: string }) {
  if (mode === "dev") return "generate";
  if (!isProduction(mode, nodeEnv)) return mode === "worker" ? "generate" : "read";
  return embedded ? "read" : "none";
}

/**
 * Loads `.env*` files, fills in what the zero-config path may fill (database, dev secrets) and checks the rest,
 * in that order, so nothing is decided before the files are read. Exits with the reason on bad configuration.
 */
export async function prepareEnvironment({ mode }: { mode: Mode }): Promise<{ env: Env; database: EmbeddedDatabase | null }> {
  const files = loadEnvFiles(mode);
  if (files.length > 0) console.log(`[leadrelay] Loaded ${files.join(", ")}`);
  let env: Env;
  try {
    env = readEnv();
    const policy = generatedSecretsPolicy(mode, { embedded: !env.DATABASE_URL });
    for (const secret of GENERATED) {
      if (policy === "none" || env[secret.name]) continue;
      const value = policy === "generate" ? await generateSecret(secret) : await readSecret(secret.file);
      if (value) process.env[secret.name] = value;
    }
    env = readEnv();
    if (mode === "start" && !env.AUTH_SECRET) {
      throw new ConfigError("Invalid configuration:\n  AUTH_SECRET is required by `npm start` (generate one with: openssl rand -base64 33)");
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let database: EmbeddedDatabase | null = null;
  if (env.DATABASE_URL) {
    console.log(`[leadrelay] Database: ${describeDatabase(env.DATABASE_URL)} (DATABASE_URL)`);
  } else {
    database = await startEmbeddedPostgres(DATA_DIR);
    process.env.DATABASE_URL = database.url;
    console.log(`[leadrelay] No DATABASE_URL: using the embedded PostgreSQL in ${path.relative(process.cwd(), DATA_DIR)}/postgres`);
  }
  return { env: readEnv(), database };
}

/** Host, port and database name: enough to tell which database, never the password. */
export function describeDatabase(url: string) {
  const { hostname, port, pathname } = new URL(url);
  return `${hostname}:${port || 5432}${pathname}`;
}

async function readSecret(file: string): Promise<string | null> {
  try {
    return (await readFile(path.join(DATA_DIR, file), "utf8")).trim() || null;
  } catch {
    return null;
  }
}

/** Generated once and kept in .data/, so sessions and stored tokens survive restarts and every process agrees. */
async function generateSecret({ file, bytes, encoding }: (typeof GENERATED)[number]): Promise<string> {
  const existing = await readSecret(file);
  if (existing) return existing;
  await mkdir(DATA_DIR, { recursive: true });
  try {
    // Exclusive create: when dev and a worker start together, the second one reads the first one's secret.
    await writeFile(path.join(DATA_DIR, file), randomBytes(bytes).toString(encoding) + "\n", { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return (await readSecret(file))!;
}
