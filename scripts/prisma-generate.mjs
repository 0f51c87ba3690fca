// Generates the Prisma client without network: `generate` never uses the schema engine,
// so pointing the CLI at /bin/true stops it from trying to download one.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

// Called by path: the `prisma` bin name is shared with the Prisma 6 alias used for migration diffs.
const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate"], {
  stdio: "inherit",
  env: { PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true", PRISMA_HIDE_UPDATE_MESSAGE: "1", ...process.env },
});
process.exit(result.status ?? 1);
