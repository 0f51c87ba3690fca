import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { createLocationDirectory } from "@/lib/locations/directory";
import { createDispatcher, type Dispatcher } from "./dispatcher";

const globalForDispatcher = globalThis as unknown as { leadrelayDispatcher?: Dispatcher };

/** This process's dispatcher, configured from the environment. */
export function processDispatcher(): Dispatcher {
  return (globalForDispatcher.leadrelayDispatcher ??= createDispatcher({
    db: db(),
    locations: createLocationDirectory(db(), env()),
    maxAttempts: env().DELIVERY_MAX_ATTEMPTS,
  }));
}
