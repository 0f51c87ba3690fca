import { sweepPostRecords } from "@/lib/abuse/screen";
import type { Env } from "@/lib/config/env";
import type { Database } from "@/lib/db/client";
import { deleteExpiredHeld } from "@/lib/outbox/held";

/** What every delivering process tidies now and then, off the visitor's path: each step is safe to run twice at once. */
export function housekeeping(database: Database, env: Pick<Env, "HELD_RETENTION_DAYS">) {
  return async () => {
    await sweepPostRecords(database);
    if (env.HELD_RETENTION_DAYS > 0) await deleteExpiredHeld(database, env.HELD_RETENTION_DAYS);
  };
}
