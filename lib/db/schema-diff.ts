import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";

/** The schema as of the last migration: new migrations are the diff from it. */
export const SNAPSHOT = path.join("prisma", "migrations", "schema.snapshot.prisma");
// The CLI checks for native engines at start-up; pointing it at any file skips the download it cannot make.
const NO_ENGINE_DOWNLOADS = { PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true", PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true" };
const WORK = path.join("node_modules", ".cache", "leadrelay-schema-diff");

/**
 * The SQL that turns schema `from` (null: an empty database) into schema `to`, or "" when they match.
 * Runs Prisma 6's CLI with its wasm engine; it needs a reachable PostgreSQL for one read-only query.
 */
export async function diffSchemas(from: string | null, to: string, databaseUrl: string): Promise<string> {
  await mkdir(WORK, { recursive: true });
  // Prisma 6 wants the url in the datasource block, which Prisma 7 rejects: diff temporary copies.
  const copy = async (file: string, as: string) => {
    const schema = (await readFile(file, "utf8"))
      .replace(/generator\s+\w+\s*{[^}]*}/g, "") // generators play no part in a diff
      .replace(/provider\s*=\s*"postgresql"/, '$&\n  url = env("DIFF_DATABASE_URL")');
    const target = path.join(WORK, as);
    await writeFile(target, schema);
    return target;
  };
  const config = path.join(WORK, "prisma.config.ts");
  await writeFile(
    config,
    `import { PrismaPg } from "@prisma/adapter-pg";
export default {
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => new PrismaPg({ connectionString: process.env.DIFF_DATABASE_URL }),
};
`,
  );
  const args = [
    createRequire(import.meta.url).resolve("prisma6-diff/build/index.js"),
    "migrate",
    "diff",
    "--config",
    config,
    ...(from ? ["--from-schema-datamodel", await copy(from, "from.prisma")] : ["--from-empty"]),
    "--to-schema-datamodel",
    await copy(to, "to.prisma"),
    "--script",
  ];
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    env: { ...process.env, DIFF_DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1", ...NO_ENGINE_DOWNLOADS },
  });
  return stdout.includes("This is an empty migration") ? "" : stdout;
}
