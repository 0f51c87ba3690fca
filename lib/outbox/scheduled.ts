import { createHash, timingSafeEqual } from "node:crypto";
import type { Dispatcher } from "./dispatcher";

/** Whether an `Authorization: Bearer …` header carries the secret (compared in constant time); never with no secret set. */
export function isBearerAuthorized(header: string | null, secret: string | undefined): boolean {
  if (!secret || !header?.startsWith("Bearer ")) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(header.slice("Bearer ".length)), digest(secret));
}

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
