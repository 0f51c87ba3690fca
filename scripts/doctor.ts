// `npm run doctor`: checks this deployment's configuration and connectivity and says what to fix.
// Exits 1 when something must be fixed. `--offline`: configuration and database only (no LeadConnector call).
import { loadEnvFiles } from "@/lib/config/startup";
import { runDoctor } from "@/lib/doctor/checks";

// The same .env* files `npm start` reads, so the doctor checks what the deployment will run with.
loadEnvFiles("start");
const findings = await runDoctor({ offline: process.argv.includes("--offline") });
const mark = { ok: "ok  ", warn: "warn", fail: "FAIL" } as const;
for (const f of findings) {
  console.log(`${mark[f.level]}  ${f.check}: ${f.message}`);
  if (f.fix && f.level !== "ok") console.log(`      fix: ${f.fix}`);
}
const failures = findings.filter((f) => f.level === "fail").length;
console.log(failures ? `\n${failures} problem(s) to fix.` : "\nNothing to fix.");
process.exitCode = failures ? 1 : 0;
