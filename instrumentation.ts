/** Runs once when a Next server process starts: the web process also runs a dispatcher. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ provideForms }, { siteForms }, { startWebDispatcher }, { housekeeping }, { db }, { env }] = await Promise.all([
    import("./lib/forms/catalog"),
    import("./content/registry"),
    import("./lib/outbox/web-dispatcher"),
    import("./lib/maintenance/housekeeping"),
    import("./lib/db/client"),
    import("./lib/config/env"),
  ]);
  provideForms(siteForms);
  if (env().WEB_DELIVERY === "on") startWebDispatcher({ housekeeping: process.env.DATABASE_URL ? housekeeping(db(), env()) : undefined });
}
