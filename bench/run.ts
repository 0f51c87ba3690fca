// `npm run bench`: the accept path and the delivery engine, on the production build behind LeadRelay's own HTTP server
// (scripts/web.ts, as `npm start` runs it; built here if missing), in both topologies:
//  - worker: WEB_DELIVERY=off and one `npm run worker` process delivers (the topology for load);
//  - web: the web process accepts and delivers;
//  - accept only: nothing delivers while measured (a worker drains afterwards): the accept path's own cost.
// For each: the contact form's server action beside a no-op action of the same shape (max submissions/s, p50/p99, and
// the CPU each process on the machine spent per post), then both actions in turns at half the no-op's max rate (open
// loop: the contact action's p99 is what a visitor waits at that load, the no-op's what the machine adds).
// BENCH_TOPOLOGIES=worker (a comma list) runs only those, and stops there.
// Then: deliveries per second and per CPU-second of the worker with the rate limit off (a 1,000 backlog), the web
// topology with LeadConnector slowed to 2 s a call (the visitor never waits for it), and a backlog drained under
// LeadConnector's burst limit (100 per 10 s, enforced by the fake).
// Last, bench/dashboard.ts (list, count, search and export at 100,000 submissions), as `npm run bench:dashboard` runs it.
// Everything is its own: a temporary embedded PostgreSQL, the fake on loopback, ports from BENCH_PORT_BASE (3320).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { formTokens } from "@/lib/abuse/form-token";
import { createDatabase } from "@/lib/db/client";
import { startTemporaryPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { acceptSubmission } from "@/lib/submission/accept";
import { webNodeOptions } from "@/lib/web/node-options";
import type { ReceivedRequest, RateLimit } from "../support/fake-leadconnector/server";
import { contactForm } from "../support/forms";

const base = Number(process.env.BENCH_PORT_BASE ?? 3320);
const ports = { app: base, fake: base + 1, postgres: base + 2 };
const appUrl = `http://localhost:${ports.app}`;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const AUTH_SECRET = "bench-auth-secret-not-for-production-0123456789";
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const WARM_UP = 1000;
const WORKER_NICE = Number(process.env.BENCH_WORKER_NICE ?? 10);
// The fake stands for HighLevel's servers: its CPU is not LeadRelay's, so it gets only what the machine has spare.
const FAKE_NICE = Number(process.env.BENCH_FAKE_NICE ?? 19);
const ALL_TOPOLOGIES = ["worker", "web", "accept only"] as const;
const TOPOLOGIES = ALL_TOPOLOGIES.filter((t) => (process.env.BENCH_TOPOLOGIES?.split(",") ?? ALL_TOPOLOGIES).includes(t));
// Half the no-op's rate, both actions in turns: three windows of 10 s each.
const STEADY_WINDOWS = 3;
const STEADY_SECONDS = 10;
const BACKLOG_UNLIMITED = 1000;
const BACKLOG_LIMITED = 300;
const LIMIT = { max: 100, intervalMs: 10_000 };
const TOKEN = "bench-token";
const LOCATION_ID = "bench-location";

// The visitors' browsers are not on the server: the load costs as little CPU as node:http can make it (fetch and
// FormData cost three to four times as much, 1.1 ms a post), with kept-alive connections, one per concurrent visitor.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const BOUNDARY = "----LeadRelayBench7MA4YWxkTrZu0gW";

const log = (message: string) => console.log(`[bench] ${message}`);
const children = new Set<ChildProcess>();
const cleanups: (() => Promise<unknown>)[] = [];
process.on("SIGINT", () => void shutdown().then(() => process.exit(130)));

try {
  await main();
} finally {
  await shutdown();
}
// Then the dashboard's section (issue 10): list, count, search and export at 100,000 submissions (ROWS), on its own
// PostgreSQL once everything above has stopped; `npm run bench:dashboard` runs it alone.
if (TOPOLOGIES.length === ALL_TOPOLOGIES.length) runDashboardSection();

async function main() {
  const actions = ensureBuild();
  const postgres = await startTemporaryPostgres("bench", { port: ports.postgres });
  cleanups.push(() => postgres.stop());
  await migrate(postgres.url);
  const db = createDatabase(postgres.url);
  cleanups.push(() => db.$disconnect());
  const fake = await startFake();

  const appEnv = {
    DATABASE_URL: postgres.url,
    LEADCONNECTOR_BASE_URL: fake.url,
    LEADCONNECTOR_TOKEN: TOKEN,
    LEADCONNECTOR_LOCATION_ID: LOCATION_ID,
    AUTH_SECRET,
    LEADRELAY_BENCH: "1",
    // One client sends every POST here: per-address and per-form limits would turn the benchmark away.
    SUBMISSION_LIMIT_PER_IP: "0",
    SUBMISSION_LIMIT_PER_FORM: "0",
  };

  const topologies: Record<string, Topology> = {};
  // "accept only": nothing delivers while the figures are taken (a worker drains afterwards), the accept path's own cost.
  for (const topology of TOPOLOGIES) {
    const web = await startApp({ ...appEnv, DELIVERY_RATE_LIMIT: "off", WEB_DELIVERY: topology === "web" ? "on" : "off" });
    const worker = topology === "worker" ? await startWorker({ ...appEnv, DELIVERY_RATE_LIMIT: "off" }) : null;
    const drained = topology === "accept only" ? async () => {} : drainedOutbox;
    const meter = cpuMeter({ web: web.pid!, worker: worker?.pid, fake: fake.pid, postgresDir: postgres.dir });
    // Long enough for the JIT and the connection pools to settle: the first few hundred posts run at half speed.
    await measure("warm-up", actions.noOp, "/bench/no-op", WARM_UP);
    await measure("warm-up", actions.submitLead, "/", WARM_UP);
    await drained(db);
    log(`topology: ${topology}`);
    const [noOp, contact, noOpCpu, cpu] = await alternate("no-op action", actions.noOp, "/bench/no-op", "contact action", actions.submitLead, "/", meter);
    await drained(db);
    const rate = noOp.perSecond / 2;
    const [steady, steadyNoOp] = await atHalfRate(rate, actions, () => drained(db));
    topologies[topology] = { noOp, contact, steady, steadyNoOp, rate, cpu, noOpCpu };
    if (topology === "web") {
      await fake.settings({ latencyMs: 2000 });
      const [slowNoOp, slow] = await alternate("no-op action", actions.noOp, "/bench/no-op", "contact action, upstream 2 s", actions.submitLead, "/", meter);
      Object.assign(topologies[topology], { slowNoOp, slow });
      await drainedOutbox(db, 300_000);
      await fake.settings({ latencyMs: 0 });
    }
    if (worker) await stopChild(worker);
    await stopApp(web);
  }
  if (TOPOLOGIES.length < ALL_TOPOLOGIES.length) {
    // While iterating on one topology (BENCH_TOPOLOGIES): its figures only, nothing else is run.
    for (const [name, t] of Object.entries(topologies))
      log(
        `${name}: contact ${((t.contact.perSecond / t.noOp.perSecond) * 100).toFixed(0)}% of no-op; at half rate p99 ${t.steady.p99.toFixed(1)} ms ` +
          `(windows ${windowP99s(t.steady)}), the no-op at that rate ${t.steadyNoOp.p99.toFixed(1)} ms (windows ${windowP99s(t.steadyNoOp)})`,
      );
    return;
  }
  const catchUp = await startWorker({ ...appEnv, DELIVERY_RATE_LIMIT: "off" });
  await drainedOutbox(db, 300_000);
  await stopChild(catchUp);
  const stored = await db.submission.count();
  // A bot-screened POST is also answered "accepted": only stored rows prove the real path was measured.
  const expected =
    3 * (WARM_UP + 5 * Math.ceil(REQUESTS / 5)) +
    5 * Math.ceil(REQUESTS / 5) +
    Object.values(topologies).reduce((sum, t) => sum + STEADY_WINDOWS * Math.round(t.rate * STEADY_SECONDS), 0);
  if (stored !== expected) throw new Error(`the contact runs stored ${stored} submissions, not ${expected}: posts were turned away`);

  // Deliveries per CPU-second: one worker drains a backlog with nothing else running but PostgreSQL and the fake.
  await fake.reset();
  await backlog(db, BACKLOG_UNLIMITED);
  const drainer = await startWorker({ ...appEnv, DELIVERY_RATE_LIMIT: "off" });
  const cpuBefore = cpuSeconds(drainer.pid!);
  const unlimited = await drain(db, fake, BACKLOG_UNLIMITED);
  const workerCpu = cpuSeconds(drainer.pid!) - cpuBefore;
  await stopChild(drainer);

  // LeadConnector's documented burst limit, enforced by the fake, configured in the worker.
  await fake.reset();
  await fake.settings({ rateLimit: LIMIT });
  await backlog(db, BACKLOG_LIMITED);
  const paced = await startWorker({
    ...appEnv,
    DELIVERY_RATE_LIMIT: "on",
    DELIVERY_RATE_LIMIT_MAX: String(LIMIT.max),
    DELIVERY_RATE_LIMIT_INTERVAL_MS: String(LIMIT.intervalMs),
  });
  const limited = await drain(db, fake, BACKLOG_LIMITED);
  await stopChild(paced);

  const allowed = (LIMIT.max / LIMIT.intervalMs) * 1000;
  const row = (name: string, r: Run, against: Run) =>
    `| ${name.padEnd(44)} | ${r.perSecond.toFixed(0).padStart(6)} | ${((r.perSecond / against.perSecond) * 100).toFixed(0).padStart(4)}% | ${r.p50.toFixed(1).padStart(7)} | ${r.p99.toFixed(1).padStart(7)} | ${r.errors} |`;
  const steadyRow = (name: string, t: Topology, r: Run) =>
    `| ${name.padEnd(44)} | ${t.rate.toFixed(0).padStart(6)} |      | ${r.p50.toFixed(1).padStart(7)} | ${r.p99.toFixed(1).padStart(7)} | ${r.errors} | ${windowP99s(r)}`;
  const [w, inWeb, alone] = [topologies.worker, topologies.web, topologies["accept only"]];
  console.log(`
Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}
Server actions: ${REQUESTS} POSTs each at concurrency ${CONCURRENCY} (5 alternating rounds), after ${WARM_UP} warm-up POSTs each, behind scripts/web.ts
with NODE_OPTIONS=${webNodeOptions(process.env.NODE_OPTIONS)} as \`npm start\` runs it
(${stored} submissions stored and delivered; workers at nice ${WORKER_NICE}; at half the no-op's max, each action posts at a fixed rate
in ${STEADY_WINDOWS} windows of ${STEADY_SECONDS} s, in turns; p99 is over all of them, then each window's)

| server action                                | sub/s  | of no-op | p50 ms  | p99 ms  | errors | p99 per window |
|----------------------------------------------|--------|-------|---------|---------|--------|----------------|
${row("worker topology: no-op (baseline)", w.noOp, w.noOp)}
${row("worker topology: contact form", w.contact, w.noOp)}
${steadyRow("worker topology: contact at half no-op max", w, w.steady)}
${steadyRow("worker topology: no-op at that rate", w, w.steadyNoOp)}
${row("web topology: no-op (baseline)", inWeb.noOp, inWeb.noOp)}
${row("web topology: contact form", inWeb.contact, inWeb.noOp)}
${steadyRow("web topology: contact at half no-op max", inWeb, inWeb.steady)}
${steadyRow("web topology: no-op at that rate", inWeb, inWeb.steadyNoOp)}
${row("accept only: no-op (baseline)", alone.noOp, alone.noOp)}
${row("accept only: contact form", alone.contact, alone.noOp)}
${steadyRow("accept only: contact at half no-op max", alone, alone.steady)}
${steadyRow("accept only: no-op at that rate", alone, alone.steadyNoOp)}
${row("web topology: no-op, upstream 2 s", inWeb.slowNoOp!, inWeb.slowNoOp!)}
${row("web topology: contact, upstream 2 s per call", inWeb.slow!, inWeb.slowNoOp!)}

CPU per post (milliseconds of each process on the machine, during the alternating rounds above):
${Object.entries(topologies)
  .map(([name, t]) => `- ${name}: contact ${formatCpu(t.cpu)}; no-op ${formatCpu(t.noOpCpu)}`)
  .join("\n")}

| delivery                                              | figure |
|-------------------------------------------------------|--------|
| deliveries/s, rate limit off (${BACKLOG_UNLIMITED} backlog, one worker)  | ${unlimited.perSecond.toFixed(1)}/s |
| deliveries per CPU-second of that worker              | ${(BACKLOG_UNLIMITED / workerCpu).toFixed(0)} (${workerCpu.toFixed(1)} s of CPU for ${BACKLOG_UNLIMITED}) |
| backlog drain under ${LIMIT.max} per ${LIMIT.intervalMs / 1000} s (${BACKLOG_LIMITED} backlog)         | ${limited.perSecond.toFixed(2)}/s = ${((limited.perSecond / allowed) * 100).toFixed(1)}% of ${allowed}/s, ${limited.tooMany} answers of 429 |
`);
}

type Topology = { noOp: Run; contact: Run; steady: Run; steadyNoOp: Run; rate: number; slowNoOp?: Run; slow?: Run; cpu: CpuPerPost; noOpCpu: CpuPerPost };

/** `windows`: each part's own p99, for a combined run. */
type Run = { perSecond: number; p50: number; p99: number; errors: number; latencies: number[]; seconds: number; windows?: number[] };

/**
 * Both actions at `rate` (an open loop: each POST leaves at its time, however slow earlier answers are), in turns of
 * STEADY_SECONDS, STEADY_WINDOWS each: the contact action's p99 is what a visitor waits at that load, and the no-op's
 * at the same rate is what the machine itself adds (a stall of the host shows in both).
 */
async function atHalfRate(rate: number, actions: { submitLead: string; noOp: string }, drained: () => Promise<void>): Promise<[Run, Run]> {
  const windows: [Run[], Run[]] = [[], []];
  const posts = Math.round(rate * STEADY_SECONDS);
  for (let i = 0; i < STEADY_WINDOWS; i++) {
    windows[0].push(await measure("contact", actions.submitLead, "/", posts, { rate, quiet: true }));
    await drained();
    windows[1].push(await measure("no-op", actions.noOp, "/bench/no-op", posts, { rate, quiet: true }));
  }
  return [combine(`contact action at ${rate.toFixed(0)}/s`, windows[0]), combine(`no-op action at ${rate.toFixed(0)}/s`, windows[1])];
}

function windowP99s(run: Run) {
  return (run.windows ?? []).map((p99) => p99.toFixed(0)).join(", ");
}

/**
 * The two actions in turns (5 rounds of REQUESTS / 5 each), so a machine that slows down or warms up mid-run weighs on
 * both alike; with the CPU each process on the machine spent per post of each (it is shared: where the time goes is the figure).
 */
async function alternate(
  nameA: string,
  idA: string,
  pageA: string,
  nameB: string,
  idB: string,
  pageB: string,
  meter: CpuMeter,
): Promise<[Run, Run, CpuPerPost, CpuPerPost]> {
  const runs: [Run[], Run[]] = [[], []];
  const spent: [CpuPerPost, CpuPerPost] = [{}, {}];
  for (let round = 0; round < 5; round++) {
    for (const [side, id, page] of [
      [0, idA, pageA],
      [1, idB, pageB],
    ] as const) {
      const before = meter();
      runs[side].push(await measure(side === 0 ? nameA : nameB, id, page, Math.ceil(REQUESTS / 5), { quiet: true }));
      for (const [role, seconds] of Object.entries(meter())) spent[side][role] = (spent[side][role] ?? 0) + seconds - (before[role] ?? 0);
    }
  }
  const posts = 5 * Math.ceil(REQUESTS / 5);
  const [cpuA, cpuB] = spent.map((s) => Object.fromEntries(Object.entries(s).map(([role, seconds]) => [role, (seconds * 1000) / posts])));
  log(`${nameA}, CPU per post: ${formatCpu(cpuA)}`);
  log(`${nameB}, CPU per post: ${formatCpu(cpuB)}`);
  return [combine(nameA, runs[0]), combine(nameB, runs[1]), cpuA, cpuB];
}

type CpuPerPost = Record<string, number>;
type CpuMeter = () => Record<string, number>;

/** CPU seconds so far of each process on the machine that a post costs: LeadRelay's, PostgreSQL's (every server process), the load's and the fake's. */
function cpuMeter({ web, worker, fake, postgresDir }: { web: number; worker?: number; fake: number; postgresDir: string }): CpuMeter {
  const postmaster = Number(readFileSync(path.join(postgresDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
  return () => {
    const usage = process.cpuUsage();
    return {
      web: cpuSeconds(web),
      ...(worker ? { worker: cpuSeconds(worker) } : {}),
      postgres: postgresCpuSeconds(postmaster),
      "load generator": (usage.user + usage.system) / 1e6,
      "fake LeadConnector": cpuSeconds(fake),
    };
  };
}

function formatCpu(perPost: CpuPerPost) {
  const total = Object.values(perPost).reduce((sum, ms) => sum + ms, 0);
  return `${Object.entries(perPost)
    .map(([role, ms]) => `${role} ${ms.toFixed(2)} ms`)
    .join(", ")}; ${total.toFixed(2)} ms in all`;
}

/** The postmaster's CPU and its children's (backends, checkpointer, WAL writer, autovacuum), ended ones included. */
function postgresCpuSeconds(postmaster: number) {
  const own = procStat(postmaster);
  // cutime and cstime: the backends that have ended, which the scan below no longer finds.
  let seconds = ticksToSeconds(own) + (Number(own[13]) + Number(own[14])) / 100;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = procStat(Number(entry));
      if (Number(fields[1]) === postmaster) seconds += ticksToSeconds(fields);
    } catch {
      // the process ended meanwhile
    }
  }
  return seconds;
}

function combine(name: string, runs: Run[]): Run {
  const latencies = runs.flatMap((r) => r.latencies).sort((x, y) => x - y);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  const run = {
    perSecond: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    latencies,
    seconds,
    windows: runs.map((r) => r.p99),
  };
  log(`${name}: ${run.perSecond.toFixed(0)}/s, p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms, ${run.errors} errors`);
  return run;
}

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Posts a server action the way the browser does (Next-Action header, React's reply encoding), `total` times at CONCURRENCY. */
async function measure(
  name: string,
  actionId: string,
  page: string,
  total: number,
  { quiet = false, rate }: { quiet?: boolean; rate?: number } = {},
): Promise<Run> {
  let next = 0;
  let errors = 0;
  const latencies: number[] = [];
  const runId = Math.random().toString(36).slice(2, 8);
  // Tokens are single-use: each post carries its own, as a page rendered a minute ago would (signed with the app's secret).
  const tokens = formTokens(AUTH_SECRET);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: rate ? Math.max(CONCURRENCY, Math.ceil(rate / 2)) : CONCURRENCY }, async () => {
      while (next < total) {
        const i = next++;
        // At a fixed rate each post leaves at its own time, however slow the earlier answers (an open loop).
        if (rate) await waitUntil(started + (i * 1000) / rate);
        // As React encodes (state, formData): the form's fields under "_1_", then the root "0", last (the server resolves it as it streams in).
        const body = multipart({
          formId: "contact",
          firstName: "Ada",
          lastName: "Bench",
          email: `bench-${runId}-${i}@example.com`,
          idempotencyKey: `bench-${runId}-${i}-0000000000`,
          _token: tokens.issue({ formId: "contact" }, Date.now() - 60_000),
        });
        const t0 = performance.now();
        const { status, text } = await post(page, actionId, body);
        latencies.push(performance.now() - t0);
        if (status !== 200 || !text.includes('"accepted"')) errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const run = { perSecond: total / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), errors, latencies, seconds };
  if (!quiet) log(`${name}: ${run.perSecond.toFixed(0)}/s, p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms, ${errors} errors`);
  return run;
}

/** A multipart/form-data body as a browser's FormData sends it: each field under "_1_", then React's root "0". */
function multipart(fields: Record<string, string>): string {
  const part = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  return (
    Object.entries(fields)
      .map(([key, value]) => part(`_1_${key}`, value))
      .join("") +
    part("0", JSON.stringify([{ status: "idle" }, "$K1"])) +
    `--${BOUNDARY}--\r\n`
  );
}

/** POSTs a server action (Next-Action header) and reads the whole answer. */
function post(page: string, actionId: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${appUrl}${page}`,
      {
        method: "POST",
        agent,
        headers: {
          "Next-Action": actionId,
          Accept: "text/x-component",
          Origin: appUrl,
          "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`,
          "Content-Length": Buffer.byteLength(body),
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
        response.on("error", reject);
      },
    );
    // A kept-alive socket the server closed as it went out (idle past its keep-alive timeout): sent again, as Node advises.
    request.on("error", (error: NodeJS.ErrnoException) =>
      request.reusedSocket && error.code === "ECONNRESET" ? post(page, actionId, body).then(resolve, reject) : reject(error),
    );
    request.end(body);
  });
}

/** Accepts `count` submissions straight into the outbox (the web process's loop picks them up). */
async function backlog(db: ReturnType<typeof createDatabase>, count: number) {
  const runId = Math.random().toString(36).slice(2, 8);
  for (let i = 0; i < count; i++) {
    await acceptSubmission(db, {
      form: contactForm,
      input: { firstName: "Ada", lastName: "Backlog", email: `backlog-${runId}-${i}@example.com` },
      locationId: LOCATION_ID,
    });
  }
}

/** Waits for the backlog to be delivered; the rate is the fake's first to last successful create. */
async function drain(db: ReturnType<typeof createDatabase>, fake: Fake, count: number) {
  await drainedOutbox(db, 300_000);
  const requests = await fake.requests();
  const created = requests.filter((r) => r.status === 201).map((r) => r.receivedAt);
  const perSecond = ((created.length - 1) / (created.at(-1)! - created[0])) * 1000;
  const tooMany = requests.filter((r) => r.status === 429).length;
  log(`drained ${count}: ${created.length} creates at ${perSecond.toFixed(2)}/s, ${tooMany} answers of 429`);
  return { perSecond, tooMany };
}

async function drainedOutbox(db: ReturnType<typeof createDatabase>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await db.submission.count({ where: { status: { in: ["PENDING", "RETRYING"] } } })) > 0) {
    if (Date.now() > deadline) throw new Error("the outbox did not drain in time");
    await delay(100);
  }
}

/** The built app's action ids, building first when asked (`npm run bench -- --build`), when there is no build, or when it predates the benchmark page. */
function ensureBuild(): { submitLead: string; noOp: string } {
  const manifest = ".next/server/server-reference-manifest.json";
  const find = () => {
    if (!existsSync(".next/BUILD_ID") || !existsSync(manifest)) return null;
    const actions = Object.entries((JSON.parse(readFileSync(manifest, "utf8")) as { node: Record<string, { exportedName?: string }> }).node);
    const id = (name: string) => actions.find(([, a]) => a.exportedName === name)?.[0];
    const [submitLead, noOp] = [id("submitLead"), id("noOpSubmit")];
    return submitLead && noOp ? { submitLead, noOp } : null;
  };
  if (process.argv.includes("--build") || !find()) {
    log("building (next build)…");
    const build = spawnSync(process.execPath, [createRequire(import.meta.url).resolve("next/dist/bin/next"), "build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const found = find();
  if (!found) throw new Error("the build has no submitLead / noOpSubmit server action");
  return found;
}

/** The web process as `npm start` runs it (scripts/web.ts: Next behind LeadRelay's HTTP server), once it answers. */
async function startApp(env: Record<string, string>) {
  // --import tsx, not tsx's CLI (which runs the script in a child): the pid is the web process itself.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/web.ts", "start"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(ports.app),
      LOG_LEVEL: "warn",
      NODE_OPTIONS: webNodeOptions(process.env.NODE_OPTIONS), // as `npm start` runs it
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.add(child);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`scripts/web.ts exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${appUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("scripts/web.ts did not answer /api/health within 60 s");
    await delay(200);
  }
  log(
    `web on ${appUrl} (delivery ${env.WEB_DELIVERY === "off" ? "in workers" : "in the web process"}, ${env.DELIVERY_RATE_LIMIT === "on" ? "rate limited" : "rate limit off"})`,
  );
  return child;
}

/** `npm run worker`, once it listens for new submissions. */
async function startWorker(env: Record<string, string>) {
  // At the priority deploy/systemd gives workers (Nice=10): on a shared machine, visitors' answers come first.
  const child = spawn("nice", ["-n", String(WORKER_NICE), process.execPath, "--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.add(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("listening for new submissions") && resolve());
    child.once("exit", (code) => reject(new Error(`the worker exited (${code})`)));
  });
  child.stdout!.resume();
  log(`worker ${child.pid} delivering (${env.DELIVERY_RATE_LIMIT === "on" ? "rate limited" : "rate limit off"})`);
  return child;
}

type Fake = Awaited<ReturnType<typeof startFake>>;

/** The fake LeadConnector in its own process (support/fake-leadconnector/standalone.ts) at FAKE_NICE, driven over /__fake/*. */
async function startFake() {
  const child = spawn(
    "nice",
    ["-n", String(FAKE_NICE), process.execPath, "--import", "tsx", "support/fake-leadconnector/standalone.ts", String(ports.fake), TOKEN],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  children.add(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve());
    child.once("exit", (code) => reject(new Error(`the fake LeadConnector exited (${code})`)));
  });
  child.stdout!.resume();
  const url = `http://127.0.0.1:${ports.fake}`;
  const control = async (path: string, body?: unknown) => {
    const response = await fetch(`${url}/__fake/${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`fake /__fake/${path}: HTTP ${response.status}`);
    return response;
  };
  return {
    url,
    pid: child.pid!,
    settings: (settings: { latencyMs?: number; rateLimit?: RateLimit | null }) => control("settings", settings),
    reset: () => control("reset", {}),
    requests: async () => (await (await control("requests")).json()) as ReceivedRequest[],
  };
}

/** User plus system CPU time a process has used, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  return ticksToSeconds(procStat(pid));
}

/** The fields of /proc/<pid>/stat after the command name (state, ppid, …). */
function procStat(pid: number): string[] {
  return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
}

function ticksToSeconds(fields: string[]): number {
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

function waitUntil(at: number) {
  return delay(Math.max(0, at - performance.now()));
}

function stopChild(child: ChildProcess) {
  return stopApp(child);
}

function stopApp(child: ChildProcess) {
  children.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.once("exit", () => (clearTimeout(timer), resolve()));
    child.kill("SIGTERM");
  });
}

function runDashboardSection() {
  log("dashboard: bench/dashboard.ts");
  const run = spawnSync(process.execPath, ["--import", "tsx", "bench/dashboard.ts"], { stdio: "inherit", env: process.env });
  if (run.status !== 0) {
    log(`bench/dashboard.ts failed (${run.signal ?? `exit code ${run.status}`})`);
    process.exitCode = 1;
  }
}

async function shutdown() {
  await Promise.all([...children].map(stopApp));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
}
