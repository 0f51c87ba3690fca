/**
 * Resolves once `condition` holds, checking every `everyMs`; fails after `timeoutMs` saying what it waited for
 * (`what` may be a function, read at the time of failure, e.g. to show a process's output).
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 15_000, everyMs = 25, what = "condition" as string | (() => string) } = {},
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof what === "function" ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
