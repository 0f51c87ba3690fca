import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { exportedMetricNames } from "@/lib/observability/metrics";

const doc = readFileSync(path.join(import.meta.dirname, "../../docs/alerts.md"), "utf8");
const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
const rulesYaml = yamlBlocks.find((block) => /^groups:/m.test(block));

type Rule = { alert: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
const groups = (rulesYaml ? parse(rulesYaml).groups : []) as { name: string; rules: Rule[] }[];
const rules = groups.flatMap((g) => g.rules);

/** Series names an expression reads: LeadRelay's own, and Prometheus's `up`. */
function metricsIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""');
  return [...withoutStrings.matchAll(/\b(leadrelay_[a-z0-9_]+|up)\b(?=\s*[{[)\s]|$)/g)].map((m) => m[1]);
}

describe("docs/alerts.md", () => {
  it("holds Prometheus rule groups, each rule with an expression, a severity and a summary", () => {
    expect(rulesYaml).toBeDefined();
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        "LeadRelayLocationPaused",
        "LeadRelayOutboxLate",
        "LeadRelayDeliveryFailures",
        "LeadRelayDailyBudgetLow",
        "LeadRelayDailyBudgetSpent",
      ]),
    );
    for (const rule of rules) {
      expect(rule.expr, rule.alert).toBeTruthy();
      expect(rule.labels?.severity, rule.alert).toMatch(/^(page|ticket)$/);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
      expect(doc, `${rule.alert} has a row in the table`).toContain(`| \`${rule.alert}\` |`);
    }
  });

  it("names only metrics that /api/metrics exports", () => {
    const families = new Set(exportedMetricNames());
    const exported = (name: string) => name === "up" || families.has(name) || families.has(name.replace(/_(bucket|sum|count)$/, ""));
    for (const rule of rules) {
      const names = metricsIn(rule.expr);
      expect(names.length, `${rule.alert} reads a metric`).toBeGreaterThan(0);
      for (const name of names) expect(exported(name), `${rule.alert}: ${name}`).toBe(true);
    }
  });

  it("passes `promtool check rules` when promtool is installed", () => {
    let promtool: string;
    try {
      promtool = execFileSync("sh", ["-c", "command -v promtool"], { encoding: "utf8" }).trim();
    } catch {
      console.warn("promtool is not on PATH (Debian: apt-get install prometheus): rules checked by the parser only");
      return;
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), "leadrelay-alerts-"));
    try {
      const file = path.join(dir, "leadrelay.rules.yml");
      writeFileSync(file, rulesYaml!);
      const output = execFileSync(promtool, ["check", "rules", file], { encoding: "utf8" });
      expect(output).toContain(`SUCCESS: ${rules.length} rules found`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
