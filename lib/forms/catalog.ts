import type { FormDefinition } from "./definition";

/** The forms this site serves, looked up by id or all of them. lib/ never imports content/: the app provides it at start. */
export type FormCatalog = { find(id: string): FormDefinition | undefined; all(): FormDefinition[] };

// On globalThis because Next compiles server actions, route handlers and instrumentation into separate module graphs.
const provided = globalThis as unknown as { leadrelayForms?: FormCatalog };

/** Called once per process by its entry point (instrumentation.ts, scripts/worker.ts) or by a test with its fixtures. */
export function provideForms(catalog: FormCatalog): void {
  provided.leadrelayForms = catalog;
}

export function formCatalog(): FormCatalog {
  if (!provided.leadrelayForms) throw new Error("No forms provided: the process's entry point must call provideForms() first");
  return provided.leadrelayForms;
}
