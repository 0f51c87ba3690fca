/** Runs once when a Next server process starts: the web process also runs a dispatcher. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startWebDispatcher } = await import("./lib/outbox/web-dispatcher");
  startWebDispatcher();
}
