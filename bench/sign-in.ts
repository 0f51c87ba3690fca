// Sign-in latency for a known email with a wrong password beside an unknown email: the two must cost the
// same, or the answer time tells a stranger which emails have accounts. Measures `attemptSignIn`, the code
// Auth.js's `authorize` runs (throttle bookkeeping, user lookup, one argon2 verification), against a real
// migrated PostgreSQL. Usage: npm run bench:sign-in
import { performance } from "node:perf_hooks";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { createDatabase } from "@/lib/db/client";
import { startTemporaryPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { hashPassword } from "@/lib/users/password";

const SAMPLES = 200; // per kind
const WARM_UP = 20;
// Fewer than 10 failures per account, so no attempt is held or delayed: this measures the check itself.
const ACCOUNTS = 25;
const PORT = Number(process.env.BENCH_PORT_BASE ?? 3320) + 9;

const postgres = await startTemporaryPostgres("bench-sign-in", { port: PORT });
const db = createDatabase(postgres.url);
try {
  await migrate(postgres.url);
  const passwordHash = await hashPassword("the right password");
  const known = Array.from({ length: ACCOUNTS }, (_, i) => `user-${i}@example.com`);
  await db.user.createMany({ data: known.map((email) => ({ email, passwordHash })) });

  let n = 0;
  const attempt = async (email: string) => {
    const started = performance.now();
    const outcome = await attemptSignIn(db, { email, password: "a wrong password", address: `10.9.${(n >> 8) & 255}.${n++ & 255}` });
    if (outcome.kind !== "refused") throw new Error(`expected a refusal, got ${outcome.kind}`);
    return performance.now() - started;
  };
  const knownEmail = (i: number) => known[i % ACCOUNTS];
  const unknownEmail = (i: number) => `nobody-${i}@example.com`;

  for (let i = 0; i < WARM_UP; i++) {
    await attempt(knownEmail(i));
    await attempt(unknownEmail(i));
  }
  await db.signInFailure.deleteMany();
  // Alternating, so drift on a shared machine weighs on both kinds alike.
  const times = { known: [] as number[], unknown: [] as number[] };
  for (let i = 0; i < SAMPLES; i++) {
    times.known.push(await attempt(knownEmail(i)));
    times.unknown.push(await attempt(unknownEmail(i)));
  }

  const row = (label: string, ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return `| ${label.padEnd(36)} | ${quantile(sorted, 0.5).toFixed(1).padStart(6)} | ${quantile(sorted, 0.9).toFixed(1).padStart(6)} |`;
  };
  console.log(`Sign-in refusals, ${SAMPLES} each, alternating, after ${WARM_UP} warm-up each (attemptSignIn on PostgreSQL)\n`);
  console.log("| attempt                              | p50 ms | p90 ms |");
  console.log("|--------------------------------------|--------|--------|");
  console.log(row("known email, wrong password", times.known));
  console.log(row("unknown email", times.unknown));
  const ratio =
    quantile(
      [...times.unknown].sort((a, b) => a - b),
      0.5,
    ) /
    quantile(
      [...times.known].sort((a, b) => a - b),
      0.5,
    );
  console.log(`\nunknown / known (p50): ${ratio.toFixed(2)}`);
} finally {
  await db.$disconnect();
  await postgres.stop();
}

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
