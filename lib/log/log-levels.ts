/** pino's levels, as LOG_LEVEL accepts them. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
