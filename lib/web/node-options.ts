import { availableParallelism } from "node:os";

/**
 * NODE_OPTIONS for the web process that `npm start` runs: V8's helper threads (GC marking, compiling) capped at one
 * fewer than the cores, at most Node's default of 4. With that default, a major GC of the web process marks on
 * every core of a small host at once and stalls the worker and PostgreSQL beside it (docs/benchmarks.md).
 * An operator's own `--v8-pool-size` is kept.
 */
export function webNodeOptions(current = "", cores = availableParallelism()): string {
  if (/(^|\s)--v8-pool-size(=|\s|$)/.test(current)) return current;
  return `${current} --v8-pool-size=${Math.min(4, Math.max(1, cores - 1))}`.trim();
}
