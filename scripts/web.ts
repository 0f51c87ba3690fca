// The web process that `npm run dev` and `npm start` spawn: Next behind LeadRelay's own HTTP server (lib/web/server.ts).
import { env } from "@/lib/config/env";
import { startWebServer } from "@/lib/web/server";

const dev = process.argv[2] !== "start";
const config = env();
const server = await startWebServer({ dev, port: config.PORT, trustedHops: config.TRUSTED_PROXY_HOPS });
console.log(`[leadrelay] Serving on http://localhost:${config.PORT}${config.TRUSTED_PROXY_HOPS ? ` (client address: ${config.TRUSTED_PROXY_HOPS} trusted proxy hop(s) in X-Forwarded-For)` : ""}`);

// No new connections once asked to stop. In production the web dispatcher's SIGTERM handler ends the process after
// the deliveries in flight (NEXT_MANUAL_SIG_HANDLE); this backstop covers a process that runs none.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    server.closeIdleConnections();
    if (dev) process.exit(0);
    setTimeout(() => process.exit(0), config.DELIVERY_SHUTDOWN_GRACE_MS + 5_000).unref();
  });
}
