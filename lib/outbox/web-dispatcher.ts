import { startDispatchLoop } from "./loop";
import { processDispatcher } from "./runtime";

/** Starts the dispatch loop inside the Next server; SIGTERM lets the batch in flight be recorded first. */
export function startWebDispatcher() {
  if (!process.env.DATABASE_URL) {
    console.warn("[dispatcher] DATABASE_URL is not set (start with `npm run dev` or `npm start`): not delivering.");
    return;
  }
  const loop = startDispatchLoop(processDispatcher());
  process.once("SIGTERM", () => void loop.stop());
}
