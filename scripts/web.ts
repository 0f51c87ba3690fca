// The web process that `npm run dev` and `npm start` spawn: Next behind LeadRelay's own HTTP server (lib/web/server.ts).
import { env } from "@/lib/config/env";
import { serveUntilStopped } from "@/lib/web/start";

await serveUntilStopped({ dev: process.argv[2] !== "start", env: env() });
