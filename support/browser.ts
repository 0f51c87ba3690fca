// Which Chromium the browser tests drive. Pure lookup, no installing: playwright.config.ts and
// find-browser.ts both use it, so the check before the build and the run agree.
import { chromium } from "@playwright/test";
import { existsSync } from "node:fs";

/** Debian's package (`apt-get install chromium`): Playwright cannot download browsers on the project machines. */
export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** Flags for running Chromium in containers and CI: no sandbox (root), no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export type BrowserResolution =
  | { ok: true; executablePath: string; source: "CHROMIUM_PATH" | "system" | "playwright" }
  | { ok: false; reason: string; /** CHROMIUM_PATH named a missing file: a mistake to report, not to paper over by installing. */ explicit: boolean };

/** CHROMIUM_PATH if set, else Debian's Chromium, else the one `npx playwright install chromium` puts in Playwright's cache. */
export function resolveChromium(env: NodeJS.ProcessEnv = process.env): BrowserResolution {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    return existsSync(configured)
      ? { ok: true, executablePath: configured, source: "CHROMIUM_PATH" }
      : { ok: false, explicit: true, reason: `CHROMIUM_PATH is set to ${configured}, but there is no file there.` };
  }
  if (existsSync(SYSTEM_CHROMIUM)) return { ok: true, executablePath: SYSTEM_CHROMIUM, source: "system" };
  const bundled = playwrightChromium();
  if (bundled && existsSync(bundled)) return { ok: true, executablePath: bundled, source: "playwright" };
  return {
    ok: false,
    explicit: false,
    reason: `No Chromium found: not at ${SYSTEM_CHROMIUM}${bundled ? `, nor Playwright's own at ${bundled}` : ""}, and CHROMIUM_PATH is not set.`,
  };
}

/** Where Playwright keeps its own Chromium (whether or not it was downloaded). */
function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}
