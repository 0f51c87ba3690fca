/** Resolves once `condition` holds, checking every `everyMs`; fails after `timeoutMs` saying what it waited for. */
export async function waitFor(condition: () => boolean | Promise<boolean>, { timeoutMs = 15_000, everyMs = 25, what = "condition" } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
