/** Delay before the next try after the n-th consecutive failure (n from 1), before jitter. */
export const RETRY_SCHEDULE_MS = [10, 30, 120, 600, 1800, 7200, 21600, 43200, 86400].map((s) => s * 1000);

/** Full jitter over the scheduled delay, at least a second, so a burst of failures does not retry in lockstep. */
export function retryDelayMs(failures: number, random = Math.random): number {
  const base = RETRY_SCHEDULE_MS[Math.min(failures, RETRY_SCHEDULE_MS.length) - 1];
  return Math.max(1000, Math.round(base * random()));
}
