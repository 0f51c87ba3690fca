import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { leadConnectorClient } from "@/lib/leadconnector/locations";
import { createDispatcher, type Dispatcher } from "./dispatcher";

const globalForDispatcher = globalThis as unknown as { leadrelayDispatcher?: Dispatcher };

/** This process's dispatcher, configured from the environment. */
export function processDispatcher(): Dispatcher {
  return (globalForDispatcher.leadrelayDispatcher ??= createDispatcher({
    db: db(),
    clientFor: () => leadConnectorClient(env()),
    maxAttempts: env().DELIVERY_MAX_ATTEMPTS,
  }));
}
