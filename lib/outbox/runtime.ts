import { env as processEnv, type Env } from "@/lib/config/env";
import { db as processDb, type Database } from "@/lib/db/client";
import { formCatalog, type FormCatalog } from "@/lib/forms/catalog";
import { createLocationDirectory } from "@/lib/locations/directory";
import { createDispatcher, type Dispatcher } from "./dispatcher";
import { createRateBudget } from "./rate-budget";

/** A dispatcher configured as the environment says: lease, attempt cap, and the shared rate budget unless turned off. */
export function dispatcherFromEnv(db: Database, env: Env, forms: FormCatalog = formCatalog()): Dispatcher {
  return createDispatcher({
    db,
    forms,
    locations: createLocationDirectory(db, env),
    maxAttempts: env.DELIVERY_MAX_ATTEMPTS,
    leaseMs: env.DELIVERY_LEASE_MS,
    rateBudget:
      env.DELIVERY_RATE_LIMIT === "on" ? createRateBudget({ db, max: env.DELIVERY_RATE_LIMIT_MAX, intervalMs: env.DELIVERY_RATE_LIMIT_INTERVAL_MS }) : null,
  });
}

const globalForDispatcher = globalThis as unknown as { leadrelayDispatcher?: Dispatcher };

/** This process's dispatcher, configured from the environment. */
export function processDispatcher(): Dispatcher {
  return (globalForDispatcher.leadrelayDispatcher ??= dispatcherFromEnv(processDb(), processEnv()));
}
