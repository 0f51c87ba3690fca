// `npm run test:browser` runs this before `next build`, so a missing browser fails in a second
// with instructions instead of after a build and a server start.
import { spawnSync } from "node:child_process";
import { resolveChromium } from "../../support/browser";

let found = resolveChromium();
if (!found.ok && !found.explicit) {
  console.log(`[e2e] ${found.reason}\n[e2e] Trying \`npx playwright install chromium\` once…`);
  const install = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
  if (install.status !== 0) console.error("[e2e] `npx playwright install chromium` did not succeed (it needs to download from Playwright's CDN).");
  found = resolveChromium();
}

if (!found.ok) {
  console.error(
    [
      `[e2e] ${found.reason}`,
      "[e2e] The browser tests need a Chromium. Either:",
      "[e2e]   - install Debian's: sudo apt-get update && sudo apt-get install -y chromium   (gives /usr/bin/chromium)",
      "[e2e]   - or point CHROMIUM_PATH at any Chromium/Chrome binary: CHROMIUM_PATH=/path/to/chrome npm run test:browser",
      "[e2e]   - or, where Playwright's CDN is reachable: npx playwright install chromium",
    ].join("\n"),
  );
  process.exit(1);
}
console.log(`[e2e] Chromium: ${found.executablePath} (${found.source})`);
