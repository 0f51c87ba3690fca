import { isBearerAuthorized } from "@/lib/net/bearer";
import type { Dispatcher } from "./dispatcher";

/** The dispatch endpoint's check. */
export const isDispatchAuthorized = isBearerAuthorized;

/** Delivers due submissions batch after batch until none is left or `budgetMs` is spent, for a scheduler's call on serverless hosts. */
export async function drainFor(dispatcher: Dispatcher, budgetMs: number): Promise<{ handled: number; more: boolean }> {
  const deadline = Date.now() + budgetMs;
  let handled = 0;
  while (Date.now() < deadline) {
    const batch = await dispatcher.runOnce();
    if (batch === 0) return { handled, more: false };
    handled += batch;
  }
  return { handled, more: true };
}
