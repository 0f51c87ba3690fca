import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { allLandingPages } from "@/content/registry";
import { renderIndex } from "../../scripts/landing-index";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/.bin/tsx");

describe("landing pages", () => {
  it("are listed from the files in content/landing (run `npx tsx scripts/landing-index.ts` when this fails)", async () => {
    const dir = path.resolve("content/landing");
    expect(await readFile(path.join(dir, "index.ts"), "utf8")).toBe(await renderIndex(dir));
  });

  it("include at least three pages, each with its own form", () => {
    const pages = allLandingPages();
    expect(pages.map((p) => p.path)).toEqual(expect.arrayContaining(["/", "/quote", "/webinar"]));
    expect(new Set(pages.map((p) => p.form.id)).size).toBe(pages.length);
  });

  it("stop the build when a definition is broken, naming the file and the problem", async () => {
    const failure = await run(tsx, ["scripts/landing-index.ts", "--dir", "tests/fixtures/broken-landing"]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain("tests/fixtures/broken-landing/broken.ts");
    expect(failure?.stderr).toContain('field "phone" is a phone input and cannot fill "email"');
  }, 30_000); // a real tsx process: seconds on a busy 2-core machine

  it("pass the same check when they are sound", async () => {
    await expect(run(tsx, ["scripts/landing-index.ts"])).resolves.toBeDefined();
  }, 30_000);
});
