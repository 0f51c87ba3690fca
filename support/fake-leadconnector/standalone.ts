// The fake LeadConnector in a process of its own, driven over /__fake/*: the benchmark runs it apart from its client,
// at low priority, because it stands for HighLevel's servers, whose CPU is not LeadRelay's.
// Usage: node --import tsx support/fake-leadconnector/standalone.ts <port> <token>
import { startFakeLeadConnector } from "./server";

const [port, token] = process.argv.slice(2);
if (!port || !token) {
  console.error("usage: standalone.ts <port> <token>");
  process.exit(2);
}
const fake = await startFakeLeadConnector({ port: Number(port), token });
console.log(`fake LeadConnector listening on ${fake.url}`);
process.on("SIGTERM", () => void fake.close().then(() => process.exit(0)));
