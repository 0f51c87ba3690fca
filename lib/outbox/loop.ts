import { setTimeout as delay } from "node:timers/promises";
import type { Dispatcher } from "./dispatcher";
import type { Announcements } from "./wake";
import { moduleLog } from "@/lib/log/logger";

export type LoopOptions = {
  idleMs?: number;
  onError?: (error: unknown) => void;
  /** Tidying the process does between batches (expired records), at most every `housekeepingEveryMs`. */
  housekeeping?: () => Promise<void>;
  housekeepingEveryMs?: number;
  /** Paused locations are checked (token replaced, probe due) at most this often, not on every pass. */
  pauseCheckEveryMs?: number;
  /** Under load a pass starts at most this often, so it claims what arrived meanwhile as one batch. */
  coalesceMs?: number;
  /** Starts listening for the store's announcements of new submissions (a worker's LISTEN, on the waiting list); paused while passes find work. */
  listen?: (wake: () => void) => Announcements;
};

/**
 * Polls for due submissions until stopped. A pass that found work, or a wake during it, means more may be waiting,
 * so it goes again: at once after a full batch, else `coalesceMs` after the last pass began, claiming what arrived
 * meanwhile as one batch. A pass that finds nothing sleeps `idleMs` or until woken. While passes find work the
 * announcements are paused and the worker off the waiting list: the loop polls anyway, and under load each one would
 * cost a wake-up and every announcing commit a turn on NOTIFY's lock.
 * `stop()` resolves after the batch in flight is recorded.
 */
export function startDispatchLoop(
  dispatcher: Dispatcher,
  {
    idleMs = 1000,
    onError = (e: unknown) => moduleLog("dispatcher").error({ err: e }, "dispatch pass failed"),
    housekeeping,
    housekeepingEveryMs = 10 * 60 * 1000,
    pauseCheckEveryMs = 1000,
    coalesceMs = 50,
    listen,
  }: LoopOptions = {},
) {
  let stopping = false;
  let wake: (() => void) | null = null;
  let woken = false;
  let tidiedAt = 0;
  let pausesCheckedAt = 0;
  let listening = true;
  const log = moduleLog("dispatcher");
  const wakeUp = () => {
    woken = true;
    wake?.();
  };
  const announcements = listen?.(wakeUp);
  const done = (async () => {
    while (!stopping) {
      const passStartedAt = Date.now();
      let handled = 0;
      let failed = false;
      woken = false;
      try {
        if (housekeeping && Date.now() - tidiedAt >= housekeepingEveryMs) {
          tidiedAt = Date.now();
          await housekeeping();
        }
        const checkPauses = passStartedAt - pausesCheckedAt >= pauseCheckEveryMs;
        if (checkPauses) pausesCheckedAt = passStartedAt;
        handled = await dispatcher.runOnce({ checkPauses });
      } catch (error) {
        failed = true;
        onError(error); // the database may be restarting: keep going, the rows are safe in it
      }
      const more = !failed && (woken || handled > 0);
      if (announcements && handled > 0 && listening) {
        listening = false;
        log.debug("finding work: announcements paused, polling");
        await announcements.pause();
      }
      if (announcements && !more && !listening && !stopping) {
        // Listening again, and one more pass: what was stored before LISTEN took effect was announced to nobody.
        listening = true;
        log.debug("nothing found: listening for announcements again");
        await announcements.resume();
        continue;
      }
      // Arrivals announced during a short pass wait out the rest of coalesceMs and go as one batch; a full batch goes at once.
      const rest = passStartedAt + coalesceMs - Date.now();
      if (more && handled < dispatcher.batchSize && !stopping && rest > 0) await delay(rest);
      // A place on the list renewed with its lock, like a first one, is followed by one more look.
      if (announcements && !more && !stopping && (await announcements.renew())) continue;
      if (!more && !stopping) {
        log.debug({ idleMs }, "nothing due: idle until the next poll or a wake");
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, idleMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  })();
  return {
    /** Ends the idle wait now: something was stored. */
    wake: wakeUp,
    async stop() {
      stopping = true;
      wake?.();
      await Promise.all([done, announcements?.stop()]);
    },
  };
}
