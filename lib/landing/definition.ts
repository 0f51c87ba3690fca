import { defineForm, FormDefinitionError, type FormDefinition, type FormInput } from "@/lib/forms/definition";

export type LandingPageInput = {
  /** The page's path without the leading slash; "" is the home page. */
  slug: string;
  title: string;
  description: string;
  hero: { heading: string; body: string; points?: string[] };
  form: FormInput;
};

export type LandingPage = Omit<LandingPageInput, "form"> & { path: string; form: FormDefinition };

/** Checks a landing page and its form; a broken one throws while building, with a message naming the problem. */
export function defineLandingPage(input: LandingPageInput): LandingPage {
  const problems: string[] = [];
  if (input.slug !== "" && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(input.slug)) problems.push(`slug "${input.slug}" must be lowercase words joined by dashes`);
  if (["dashboard", "login", "embed", "api", "privacy"].includes(input.slug)) problems.push(`slug "${input.slug}" is taken by the app`);
  if (!input.title.trim()) problems.push("title is empty");
  if (!input.hero.heading.trim()) problems.push("hero.heading is empty");
  if (problems.length > 0) throw new FormDefinitionError(`Landing page "${input.slug || "/"}" is invalid:\n- ${problems.join("\n- ")}`);
  return { ...input, path: `/${input.slug}`, form: defineForm(input.form) };
}
