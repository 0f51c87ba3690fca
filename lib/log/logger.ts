import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";
import { LOG_LEVELS } from "./log-levels";

/**
 * Field paths censored at the logger, whatever a call site passes: personal data a submission carries
 * and every kind of secret. Generous on purpose: a missed path is a leak, an extra one costs nothing.
 */
const PERSONAL = [
  "email",
  "phone",
  "firstName",
  "lastName",
  "name",
  "fullName",
  "address1",
  "city",
  "postalCode",
  "dateOfBirth",
  "companyName",
  "website",
  "ip",
  "address",
];
const SECRET = [
  "token",
  "password",
  "passwordHash",
  "secret",
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  "apiKey",
  "accessToken",
  "refreshToken",
  "tokenCiphertext",
];
const CONTAINERS = ["fields", "values", "body", "input", "customFields", "customField", "contact"];

export const REDACTED_PATHS = [
  ...[...PERSONAL, ...SECRET].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  ...CONTAINERS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  "headers.authorization",
  "headers.cookie",
  "req.headers.authorization",
  "req.headers.cookie",
  "request.body",
  "request.headers",
  "*.request.body",
  "*.request.headers",
];

export const CENSOR = "[redacted]";

export type LoggerOptions = { level?: string; pretty?: boolean; destination?: DestinationStream };

/** A pino logger with redaction; `pretty` formats lines for a terminal in the same thread (no transport worker, which bundling breaks). */
/** LOG_LEVEL as env.ts validates it; an unknown value here (env not yet checked) falls back to info rather than throwing. */
function levelFromEnv() {
  const level = process.env.LOG_LEVEL?.trim().toLowerCase();
  return level && (LOG_LEVELS as readonly string[]).includes(level) ? level : "info";
}

export function createLogger({ level = levelFromEnv(), pretty = false, destination }: LoggerOptions = {}): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: CENSOR }, base: { pid: process.pid } };
  if (destination) return pino(options, destination);
  if (pretty) {
    // pino-pretty is a dev dependency: absent from a production install, where JSON lines are wanted anyway.
    try {
      const pinoPretty = createRequire(import.meta.url)("pino-pretty") as (options: object) => DestinationStream;
      return pino(options, pinoPretty({ colorize: true, sync: true }));
    } catch {
      // fall through to JSON lines
    }
  }
  // Synchronous writes: a process that logs and then exits (a worker's "stopped") never loses its last lines.
  return pino(options, pino.destination({ dest: 1, sync: true }));
}

const globalForLogger = globalThis as unknown as { [key: symbol]: Logger | undefined };
const LOGGER = Symbol.for("leadrelay.logger");

/** The process's logger: one per process, shared by every module graph Next compiles. */
export function logger(): Logger {
  return (globalForLogger[LOGGER] ??= createLogger({ pretty: process.env.NODE_ENV === "development" }));
}

/** A child logger for one request, carrying the request id the web server sets on every request. */
export function requestLog(headers: Headers, bindings: Record<string, unknown> = {}): Logger {
  return logger().child({ requestId: headers.get("x-request-id") ?? undefined, ...bindings });
}

/** A child logger for a module, named in every line. */
export function moduleLog(module: string): Logger {
  return logger().child({ module });
}
