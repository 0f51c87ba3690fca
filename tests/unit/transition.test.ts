import { describe, expect, it } from "vitest";
import { transition } from "@/lib/outbox/transition";

const now = Date.UTC(2026, 10, 28, 12);
const after = (outcome: Parameters<typeof transition>[0], consecutiveFailures = 0, needsLookup?: boolean) =>
  transition(outcome, { consecutiveFailures, maxAttempts: 3, needsLookup, now, random: () => 1 });

describe("the state after a delivery run", () => {
  it("delivered: records the contact and how it was linked, clears the error and the failure count", () => {
    expect(after({ kind: "delivered", contactId: "c1", link: "EXISTING" }, 2, true)).toEqual({
      status: "DELIVERED",
      contactId: "c1",
      contactLink: "EXISTING",
      deliveredAt: new Date(now),
      lastError: null,
      consecutiveFailures: 0,
      needsLookup: false,
    });
  });

  it("failed: refused for good, keeping whether the contact must be looked up first", () => {
    expect(after({ kind: "failed", reason: "email is invalid" }, 0, true)).toEqual({ status: "FAILED", lastError: "email is invalid", needsLookup: true });
  });

  it("paused: the status stays, the reason shows, no failure is counted", () => {
    expect(after({ kind: "paused", reason: "token refused" }, 1)).toEqual({ lastError: "Waiting: token refused" });
  });

  it("deferred: put back untouched until its slot", () => {
    expect(after({ kind: "deferred", reason: "rate limit", afterMs: 500 })).toEqual({ nextAttemptAt: new Date(now + 500) });
  });

  it("retry: counts the failure and waits the backoff, or the server's Retry-After", () => {
    expect(after({ kind: "retry", reason: "503", countsTowardLimit: true })).toEqual({
      status: "RETRYING",
      lastError: "503",
      consecutiveFailures: 1,
      nextAttemptAt: new Date(now + 10_000),
    });
    expect(after({ kind: "retry", reason: "429", countsTowardLimit: false, retryAfterMs: 2000 }, 1).nextAttemptAt).toEqual(new Date(now + 2000));
  });

  it("a 429 does not count toward the attempt cap; other failures give up at the cap", () => {
    expect(after({ kind: "retry", reason: "429", countsTowardLimit: false }, 2)).toMatchObject({ status: "RETRYING", consecutiveFailures: 2 });
    expect(after({ kind: "retry", reason: "timeout", countsTowardLimit: true }, 2, true)).toEqual({
      status: "FAILED",
      lastError: "Gave up after 3 failed attempts. Last: timeout",
      consecutiveFailures: 3,
      needsLookup: true,
    });
  });
});
