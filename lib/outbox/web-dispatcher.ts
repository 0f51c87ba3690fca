import { env } from "@/lib/config/env";
import { startDispatchLoop, type LoopOptions } from "./loop";
import { processDispatcher } from "./runtime";
import { stopDelivering } from "./shutdown";
import { moduleLog } from "@/lib/log/logger";

/**
 * Starts the dispatch loop inside the Next server. On SIGTERM it stops claiming and lets calls in flight
 * finish within DELIVERY_SHUTDOWN_GRACE_MS. When `npm start` runs Next (NEXT_MANUAL_SIG_HANDLE), this
 * handler also ends the process; under a bare `next start`, Next's own handler does.
 */
export function startWebDispatcher(options: Pick<LoopOptions, "housekeeping"> = {}) {
  if (!process.env.DATABASE_URL) {
    moduleLog("dispatcher").warn("DATABASE_URL is not set (start with `npm run dev` or `npm start`): not delivering.");
    return;
  }
  const dispatcher = processDispatcher();
  const loop = startDispatchLoop(dispatcher, { idleMs: env().DELIVERY_POLL_MS, ...options });
  process.once("SIGTERM", async () => {
    const unfinished = await stopDelivering({ dispatcher, loop, graceMs: env().DELIVERY_SHUTDOWN_GRACE_MS });
    if (unfinished > 0) moduleLog("dispatcher").warn({ unfinished }, "stopping with calls unanswered: their leases expire and another process takes them over");
    if (process.env.NEXT_MANUAL_SIG_HANDLE) process.exit(0);
  });
}
