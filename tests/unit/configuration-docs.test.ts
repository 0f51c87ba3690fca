import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLES } from "@/lib/config/env";

const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** The variables named in the first column of README's configuration table (a row may name several). */
function readmeVariables(): string[] {
  const section =
    read("README.md")
      .split(/^## Configuration$/m)[1]
      ?.split(/^#{2,3} /m)[0] ?? "";
  const rows = section.split("\n").filter((line) => line.startsWith("| `"));
  return rows.flatMap((row) => [...row.split("|")[1].matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]));
}

/** The variables `.env.example` lists, commented out (`# NAME=default`) or set. */
function exampleVariables(): string[] {
  return [...read(".env.example").matchAll(/^#?\s?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
}

/** A message per variable missing from `file`, or documented there but unknown to lib/config/env.ts. */
function drift(file: string, documented: string[]): string[] {
  const missing = ENV_VARIABLES.filter((name) => !documented.includes(name)).map((name) => `${name} is in lib/config/env.ts but missing from ${file}`);
  const unknown = documented.filter((name) => !ENV_VARIABLES.includes(name)).map((name) => `${name} is in ${file} but not in lib/config/env.ts`);
  return [...missing, ...unknown];
}

describe("the configuration's documentation", () => {
  it("finds the variables it compares (the parsers still match the files)", () => {
    expect(readmeVariables().length).toBeGreaterThan(10);
    expect(exampleVariables().length).toBeGreaterThan(10);
  });

  it("README's configuration table names exactly the variables lib/config/env.ts reads", () => {
    expect(drift("README.md (Configuration table)", readmeVariables())).toEqual([]);
  });

  it(".env.example lists exactly the variables lib/config/env.ts reads", () => {
    expect(drift(".env.example", exampleVariables())).toEqual([]);
  });

  it("lists each variable once", () => {
    const twice = (names: string[]) => names.filter((name, i) => names.indexOf(name) !== i);
    expect(twice(readmeVariables())).toEqual([]);
    expect(twice(exampleVariables())).toEqual([]);
  });
});
