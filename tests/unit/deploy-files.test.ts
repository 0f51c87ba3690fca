// The container and service files cannot run here (no container engine, no systemd as PID 1): they are parsed and
// checked against what the standalone build provides and what the README documents.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const readme = readFileSync("README.md", "utf8");
/** The entry points scripts/build-standalone.ts bundles into leadrelay/<name>.mjs. */
const bundled = [...readFileSync("scripts/build-standalone.ts", "utf8").matchAll(/^ {2}(\w+): "scripts\/[\w/-]+\.ts",$/gm)].map((m) => m[1]);

type Instruction = { keyword: string; args: string };
/** Dockerfile instructions, continuation lines joined, comments dropped. */
function dockerfile(): Instruction[] {
  const text = readFileSync("Dockerfile", "utf8").replace(/\\\r?\n/g, " ");
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(" ") };
    });
}

describe("Dockerfile", () => {
  const instructions = dockerfile();
  const stages = instructions.flatMap((i, index) => (i.keyword === "FROM" ? [index] : []));
  const final = instructions.slice(stages.at(-1));

  it("is multi-stage: the runtime stage copies only the standalone folder from the build stage", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(instructions.filter((i) => i.keyword === "FROM").map((i) => i.args)).toEqual(
      expect.arrayContaining([expect.stringMatching(/ AS build$/i), expect.stringMatching(/ AS runtime$/i)]),
    );
    expect(final.filter((i) => i.keyword === "COPY").map((i) => i.args)).toEqual([
      expect.stringMatching(/^--from=build (--chown=\S+ )?\/src\/\.next\/standalone \.\/$/),
    ]);
    expect(final.some((i) => i.keyword === "RUN" && /npm (ci|install)/.test(i.args))).toBe(false);
  });

  it("runs as a non-root user, with a health check on /api/health", () => {
    const user = final.filter((i) => i.keyword === "USER").at(-1);
    expect(user?.args).toBeDefined();
    expect(user!.args).not.toMatch(/^(root|0)(:|$)/);
    // The user is set before the command and after the last step that needs root.
    expect(final.indexOf(user!)).toBeGreaterThan(final.findLastIndex((i) => i.keyword === "RUN" || i.keyword === "COPY"));
    expect(final.find((i) => i.keyword === "HEALTHCHECK")?.args).toContain("/api/health");
  });

  it("starts the bundled web entry (migrations at start) and documents the worker and migration commands", () => {
    expect(bundled).toEqual(expect.arrayContaining(["web", "worker", "migrate", "doctor"]));
    expect(final.find((i) => i.keyword === "CMD")?.args).toBe('["node", "leadrelay/web.mjs"]');
    const text = readFileSync("Dockerfile", "utf8");
    for (const entry of ["worker", "migrate"]) expect(text).toContain(`node leadrelay/${entry}.mjs`);
  });
});

describe("compose.yaml", () => {
  type Service = {
    image?: string;
    build?: unknown;
    command?: string[];
    environment?: Record<string, string>;
    healthcheck?: { test: string[] };
    deploy?: { replicas?: number };
    depends_on?: Record<string, { condition: string }>;
  };
  const compose = parse(readFileSync("compose.yaml", "utf8"), { merge: true }) as { services: Record<string, Service> };
  const { services } = compose;

  it("runs PostgreSQL, one web and two workers, each with a health check", () => {
    expect(Object.keys(services).sort()).toEqual(["postgres", "web", "worker"]);
    expect(services.web.deploy?.replicas ?? 1).toBe(1);
    expect(services.worker.deploy?.replicas).toBe(2);
    for (const [name, service] of Object.entries(services)) expect(service.healthcheck?.test, name).toBeDefined();
    expect(services.web.healthcheck!.test.join(" ")).toContain("/api/health");
    expect(services.worker.command).toEqual(["node", "leadrelay/worker.mjs"]);
    expect(services.web.command).toEqual(["node", "leadrelay/web.mjs"]);
    // The worker's health check is the doctor without LeadConnector calls: it must not spend the rate limit.
    expect(services.worker.healthcheck!.test).toEqual(["CMD", "node", "leadrelay/doctor.mjs", "--offline"]);
    expect(services.web.depends_on?.postgres.condition).toBe("service_healthy");
    expect(services.worker.depends_on?.postgres.condition).toBe("service_healthy");
  });

  it("gives web and workers the same settings, each documented in the README", () => {
    expect(services.worker.environment).toEqual(Object.fromEntries(Object.entries(services.web.environment!).filter(([name]) => name !== "PORT")));
    const documented = readme
      .split("\n")
      .filter((line) => line.startsWith("| "))
      .map((line) => line.split("|")[1]);
    for (const name of Object.keys(services.web.environment!))
      expect(
        documented.some((cell) => cell.includes(`\`${name}\``)),
        `README's configuration table has ${name}`,
      ).toBe(true);
    // Every variable compose reads from the operator's environment is named in the README.
    const interpolated = new Set([...readFileSync("compose.yaml", "utf8").matchAll(/\$\{(\w+)/g)].map((m) => m[1]));
    for (const name of interpolated) expect(readme, `README names ${name}`).toContain(`\`${name}\``);
    expect(readme).toContain("docker compose up");
    expect(readme).toContain("docs/deploy.md");
  });
});

describe("systemd units", () => {
  it("pass systemd-analyze verify", () => {
    const result = spawnSync("systemd-analyze", ["verify", "deploy/systemd/leadrelay-web.service", "deploy/systemd/leadrelay-worker@.service"], {
      encoding: "utf8",
    });
    expect(result.error, "systemd-analyze is needed (Debian: systemd)").toBeUndefined();
    expect(result.stderr + result.stdout).toBe("");
    expect(result.status).toBe(0);
  });

  it("start the bundled entries from the standalone folder", () => {
    expect(readFileSync("deploy/systemd/leadrelay-web.service", "utf8")).toContain("ExecStart=/usr/bin/node leadrelay/web.mjs");
    expect(readFileSync("deploy/systemd/leadrelay-worker@.service", "utf8")).toContain("ExecStart=/usr/bin/node leadrelay/worker.mjs");
  });
});
