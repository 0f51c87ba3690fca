import type { Dispatcher } from "./dispatcher";
import type { startDispatchLoop } from "./loop";

/**
 * SIGTERM for a delivering process: stop claiming, put back what has not started, give calls in flight
 * `graceMs` to be answered and recorded. Returns how many were still running (their leases expire and
 * the next run looks the contact up before creating it).
 */
export async function stopDelivering({ dispatcher, loop, graceMs }: { dispatcher: Dispatcher; loop: ReturnType<typeof startDispatchLoop>; graceMs: number }) {
  const unfinished = dispatcher.stop(graceMs);
  await Promise.race([loop.stop(), unfinished]);
  return unfinished;
}
