import { stdSerializers } from "pino";

/** What replaces personal data and secrets in a log line. */
export const CENSOR = "[redacted]";

// An upstream answer quoted after its status ("HTTP 422: …"): LeadConnector's 400/422 messages echo the values sent.
const UPSTREAM_ANSWER = /(HTTP \d{3}):[^\n]*/g;
const EMAIL = /[^\s"'<>(),;:@]+@[^\s"'<>(),;:@]+\.[A-Za-z]{2,}/g;
// E.164 as stored, and the usual national notations; plain runs of 9+ digits (no ids or ports here are that long).
const PHONE = /\+\d[\d ().-]{6,}\d|\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b|\b\d{9,15}\b/g;
// A JSON object or a Prisma argument dump inside a message is a row's values.
const OBJECT = /\{[\s\S]*\}/g;
// A bearer credential, wherever a message quotes a header.
const BEARER = /\b(Bearer|Basic)\s+\S+/gi;

/** Free text that may quote what a visitor typed or an upstream answer: reduced to what an operator needs. */
export function scrubText(text: string): string {
  return text.replace(UPSTREAM_ANSWER, `$1: ${CENSOR}`).replace(OBJECT, CENSOR).replace(BEARER, `$1 ${CENSOR}`).replace(EMAIL, CENSOR).replace(PHONE, CENSOR);
}

/** Error properties that name what failed, never the data involved (a pg error's `detail` and `where` quote the row). */
const SAFE_ERROR_KEYS = ["type", "code", "errno", "syscall", "severity", "routine", "constraint", "table", "column", "schema", "dataType", "status"];
const STACK_FRAME = /^\s+at /;

type SerializedError = Record<string, unknown> & { message?: unknown; stack?: unknown };

/**
 * pino's error serializer, keeping only what names the failure: the type, codes, a scrubbed message and the stack's
 * frames. An error's message may carry an upstream answer or a database row (Prisma prints its arguments).
 */
export function serializeError(error: unknown): unknown {
  const full = stdSerializers.err(error as Error) as unknown;
  if (typeof full !== "object" || full === null || !("message" in full)) return full;
  return safeError(full as SerializedError);
}

function safeError(full: SerializedError): Record<string, unknown> {
  const safe: Record<string, unknown> = {};
  for (const key of SAFE_ERROR_KEYS) if (full[key] !== undefined && typeof full[key] !== "object") safe[key] = full[key];
  // Prisma's messages start with an empty line and run over many: the first real line says what failed.
  const message = String(full.message ?? "");
  safe.message = scrubText(message.trim().split("\n")[0] ?? "");
  if (typeof full.stack === "string") {
    const [, ...lines] = full.stack.split("\n");
    safe.stack = [`${String(safe.type ?? "Error")}: ${safe.message}`, ...lines.filter((line) => STACK_FRAME.test(line))].join("\n");
  }
  if (Array.isArray(full.aggregateErrors)) safe.aggregateErrors = full.aggregateErrors.map((e) => safeError(e as SerializedError));
  return safe;
}
