import { describe, expect, it } from "vitest";
import { webNodeOptions } from "@/lib/web/node-options";

describe("the web process's NODE_OPTIONS", () => {
  it.each([
    [1, "--v8-pool-size=1"],
    [2, "--v8-pool-size=1"],
    [3, "--v8-pool-size=2"],
    [5, "--v8-pool-size=4"],
    [64, "--v8-pool-size=4"],
  ])("on %i core(s), V8's helper threads are capped at one fewer than the cores, at most Node's 4", (cores, expected) => {
    expect(webNodeOptions("", cores)).toBe(expected);
  });

  it("keeps the operator's options and adds the cap after them", () => {
    expect(webNodeOptions("--max-old-space-size=512", 2)).toBe("--max-old-space-size=512 --v8-pool-size=1");
  });

  it.each(["--v8-pool-size=3", "--inspect --v8-pool-size 3"])("leaves an operator's own pool size alone: %s", (options) => {
    expect(webNodeOptions(options, 2)).toBe(options);
  });
});
