import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger, type LoggerOptions as PinoOptions } from "pino";
import { LOG_LEVELS } from "./log-levels";
import { CENSOR, scrubText, serializeError } from "./scrub";

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
  "x-forwarded-for",
  "pageUrl",
  "referrer",
  "landingUrl",
  "embeddingPage",
  "consent",
  "attribution",
  "fingerprint",
  "idempotencyKey",
  "actorEmail",
];
const SECRET = [
  "token",
  "tokenNonce",
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
/** Whole objects that hold values: form input, upstream requests and answers. */
const CONTAINERS = ["fields", "values", "body", "input", "customFields", "customField", "contact", "json", "responseExcerpt", "response"];
/** Free text that may quote an upstream answer or a value: kept, scrubbed (see scrubText). */
const TEXT = ["reason", "lastError", "error", "pauseReason", "degradedReason", "discardReason"];
/** URLs keep their path; the query (a lookup's ?email=…&number=…) is censored. */
const URLS = ["url", "path"];

const everywhere = (keys: string[]) => keys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export const REDACTED_PATHS = [
  ...everywhere([...PERSONAL, ...SECRET, ...CONTAINERS, ...TEXT, ...URLS]),
  "headers.authorization",
  "headers.cookie",
  "req.headers.authorization",
  "req.headers.cookie",
  "request.headers",
  "*.request.headers",
];

const TEXT_KEYS = new Set(TEXT);
const URL_KEYS = new Set(URLS);

/** What a redacted path becomes: free text and URLs keep what names the failure or the endpoint, the rest is censored. */
export function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1];
  if (typeof value === "string" && TEXT_KEYS.has(key)) return scrubText(value);
  if (typeof value === "string" && URL_KEYS.has(key)) return value.includes("?") ? `${value.slice(0, value.indexOf("?"))}?${CENSOR}` : value;
  return value === undefined || value === null ? value : CENSOR;
}

export { CENSOR };

export type LoggerOptions = { level?: string; pretty?: boolean; destination?: DestinationStream };

/** A pino logger with redaction; `pretty` formats lines for a terminal in the same thread (no transport worker, which bundling breaks). */
/** LOG_LEVEL as env.ts validates it; an unknown value here (env not yet checked) falls back to info rather than throwing. */
function levelFromEnv() {
  const level = process.env.LOG_LEVEL?.trim().toLowerCase();
  return level && (LOG_LEVELS as readonly string[]).includes(level) ? level : "info";
}

export function createLogger({ level = levelFromEnv(), pretty = false, destination }: LoggerOptions = {}): Logger {
  const options: PinoOptions = {
    level,
    redact: { paths: REDACTED_PATHS, censor },
    serializers: { err: serializeError },
    // A message string is free text too: a call site that writes a value into it is scrubbed like a reason.
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg)) as Parameters<typeof method>);
      },
    },
    base: { pid: process.pid },
  };
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
