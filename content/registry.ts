import type { FormCatalog } from "@/lib/forms/catalog";
import { FormDefinitionError, type FormDefinition } from "@/lib/forms/definition";
import type { LandingPage } from "@/lib/landing/definition";
import { landingPages } from "./landing";

function index<T>(items: T[], key: (item: T) => string, what: string) {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(key(item))) throw new FormDefinitionError(`Two landing pages use the ${what} "${key(item)}"`);
    map.set(key(item), item);
  }
  return map;
}

const pagesBySlug = index(landingPages, (p) => p.slug, "slug");
const formsById = index(
  landingPages.map((p) => p.form),
  (f) => f.id,
  "form id",
);

/** The form a submission names; server-side only (the browser gets each form's plain definition as a prop). */
export function findForm(id: string): FormDefinition | undefined {
  return formsById.get(id);
}

export function findLandingPage(slug: string): LandingPage | undefined {
  return pagesBySlug.get(slug);
}

export function allLandingPages(): LandingPage[] {
  return [...pagesBySlug.values()];
}

/** This site's forms, for the engine in lib/ (which is given them, never imports them). */
export const siteForms: FormCatalog = { find: findForm, all: () => [...formsById.values()] };
