import { describe, expect, it } from "vitest";
import { scrapeAccess, statusClass } from "@/lib/observability/metrics";

describe("who may scrape /api/metrics", () => {
  const token = "t".repeat(40);
  it("does not exist without METRICS_TOKEN (404), whatever is sent", () => {
    expect(scrapeAccess(`Bearer ${token}`, undefined)).toBe("absent");
    expect(scrapeAccess(null, undefined)).toBe("absent");
  });
  it("refuses anything but the bearer of the token (401)", () => {
    expect(scrapeAccess(null, token)).toBe("refused");
    expect(scrapeAccess(token, token)).toBe("refused");
    expect(scrapeAccess(`Bearer ${token.slice(1)}`, token)).toBe("refused");
    expect(scrapeAccess(`Bearer ${token}`, token)).toBe("allowed");
  });
});

describe("status classes of upstream calls", () => {
  const request = { method: "POST", url: "x" };
  it.each([
    [{ kind: "response", status: 201 }, "2xx"],
    [{ kind: "response", status: 429 }, "4xx"],
    [{ kind: "response", status: 503 }, "5xx"],
    [{ kind: "timeout", error: "" }, "timeout"],
    [{ kind: "network", error: "" }, "network"],
  ] as const)("%o is %s", (call, expected) => {
    expect(statusClass({ request, durationMs: 1, headers: new Headers(), body: "", json: null, ...call } as never)).toBe(expected);
  });
});
