import { z } from "zod";

/** Messages per input name; more than one when a value breaks several rules. */
export type FieldErrors = Record<string, string[]>;

/** What every dashboard action answers with, for useActionState. The lead form's SubmitState extends the same statuses. */
export type ActionState =
  { status: "idle" } | { status: "done"; message: string } | { status: "invalid"; errors: FieldErrors } | { status: "error"; message: string };

/** The field errors of a failed zod parse, as an ActionState. */
export function invalid(error: z.ZodError): { status: "invalid"; errors: FieldErrors } {
  return { status: "invalid", errors: z.flattenError(error).fieldErrors as FieldErrors };
}
