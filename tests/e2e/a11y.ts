// Accessibility checks shared by the JavaScript-on and JavaScript-off specs: axe (WCAG 2.1 A and AA)
// on every landing page and embed, empty and after a submission with errors.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

export const FORM_PAGES = ["/", "/quote", "/webinar", "/embed/contact", "/embed/quote", "/embed/webinar"];

export async function expectNoViolations(page: Page, state: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe on ${page.url()} (${state})`).toEqual([]);
}
