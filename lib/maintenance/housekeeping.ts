import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { sweepPostRecords } from "@/lib/abuse/screen";
import { forgetOldFailures } from "@/lib/auth/throttle";
import type { Env } from "@/lib/config/env";
import type { Database } from "@/lib/db/client";
import { runRetention } from "./retention";

/**
 * What every delivering process tidies now and then, off the visitor's path: each step is safe to run twice at once,
 * and retention runs in one process at a time (its job lease), hourly across them all.
 */
export function housekeeping(database: Database, env: Pick<Env, "RETENTION_DAYS" | "HELD_RETENTION_DAYS">) {
  const holder = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  return async () => {
    await sweepPostRecords(database);
    await forgetOldFailures(database);
    await runRetention(database, env, { holder });
  };
}
