// Prints what `prepareEnvironment` decided for a mode, without any secret's value: lets tests check a command's
// environment decisions in a real process. Usage: tsx tests/support/prepare-environment.ts <mode>
import { readFile } from "node:fs/promises";
import path from "node:path";
import { DATA_DIR, describeDatabase, prepareEnvironment, type Mode } from "@/lib/config/startup";

const fromData = async (file: string, value: string | undefined) =>
  value !== undefined && value === (await readFile(path.join(DATA_DIR, file), "utf8").catch(() => "")).trim();

const { env, database } = await prepareEnvironment({ mode: process.argv[2] as Mode });
const decision = {
  database: describeDatabase(env.DATABASE_URL!),
  embedded: database !== null,
  authSecret: env.AUTH_SECRET === undefined ? "none" : (await fromData("auth-secret", env.AUTH_SECRET)) ? "generated" : "given",
  tokenKey: env.TOKEN_ENCRYPTION_KEY === undefined ? "none" : (await fromData("token-key", env.TOKEN_ENCRYPTION_KEY)) ? "generated" : "given",
  port: env.PORT,
};
console.log(`DECISION ${JSON.stringify(decision)}`);
await database?.stop();
