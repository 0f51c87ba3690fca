import type { Dispatcher } from "./dispatcher";
import { moduleLog } from "@/lib/observability/logger";

/**
 * Polls for due submissions until stopped. A full batch means more may be waiting, so it goes
 * again at once; otherwise it sleeps `idleMs`. `stop()` resolves after the batch in flight is recorded.
 */
export function startDispatchLoop(dispatcher: Dispatcher, { idleMs = 1000, onError = (e: unknown) => moduleLog("dispatcher").error({ err: e }, "dispatch pass failed") } = {}) {
  let stopping = false;
  let wake: (() => void) | null = null;
  const done = (async () => {
    while (!stopping) {
      let handled = 0;
      try {
        handled = await dispatcher.runOnce();
      } catch (error) {
        onError(error); // the database may be restarting: keep going, the rows are safe in it
      }
      if (handled === 0 && !stopping) {
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
    async stop() {
      stopping = true;
      wake?.();
      await done;
    },
  };
}
