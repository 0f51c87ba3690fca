import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { request } from "node:http";

/** The contact form's server-action id in a production build (`dir`: the folder holding `.next`). */
export function submitLeadActionId(dir = process.cwd()): string {
  const manifest = path.join(dir, ".next", "server", "server-reference-manifest.json");
  if (!existsSync(manifest)) throw new Error(`No build at ${dir}: run npm run build`);
  const actions = Object.entries((JSON.parse(readFileSync(manifest, "utf8")) as { node: Record<string, { exportedName?: string }> }).node);
  const id = actions.find(([, action]) => action.exportedName === "submitLead")?.[0];
  if (!id) throw new Error("the build has no submitLead server action");
  return id;
}

export type FormPost = { outcome: "accepted" | "other" | "no-answer"; status?: number; detail: string };

/**
 * One visitor filling in the contact form over HTTP, as a browser does: loads the page for a fresh single-use
 * `_token`, then posts the server action (Next-Action header, React's reply encoding, as bench/run.ts).
 * `localAddress` (any 127.0.0.x) is the address the visitor's connections come from.
 */
export async function postContactForm(
  baseUrl: string,
  actionId: string,
  fields: Record<string, string>,
  { localAddress }: { localAddress?: string } = {},
): Promise<FormPost> {
  let token: string;
  try {
    const page = await send(`${baseUrl}/`, { method: "GET", headers: {}, localAddress });
    const found = /name="_token" value="([^"]+)"/.exec(page.body);
    if (page.status !== 200 || !found) return { outcome: "other", status: page.status, detail: `form page without a token (${page.status})` };
    token = found[1].replaceAll("&amp;", "&");
  } catch (error) {
    return { outcome: "no-answer", detail: `GET /: ${(error as Error).message}` };
  }
  // As React encodes (state, formData): the form's fields under "_1_", then the root "0".
  const form = new FormData();
  for (const [key, value] of Object.entries({ formId: "contact", _token: token, ...fields })) form.set(`_1_${key}`, value);
  form.set("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const encoded = new Request(baseUrl, { method: "POST", body: form });
  const body = Buffer.from(await encoded.arrayBuffer());
  const headers = {
    "Next-Action": actionId,
    Accept: "text/x-component",
    Origin: baseUrl,
    "Content-Type": encoded.headers.get("content-type")!,
    "Content-Length": String(body.length),
  };
  try {
    const response = await send(`${baseUrl}/`, { method: "POST", headers, body, localAddress });
    return {
      outcome: response.status === 200 && response.body.includes('"status":"accepted"') ? "accepted" : "other",
      status: response.status,
      detail: response.body.slice(0, 300),
    };
  } catch (error) {
    return { outcome: "no-answer", detail: `POST /: ${(error as Error).message}` };
  }
}

function send(
  url: string,
  { method, headers, body, localAddress }: { method: string; headers: Record<string, string>; body?: Buffer; localAddress?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, localAddress, timeout: 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("no answer within 60 s")));
    req.on("error", reject);
    req.end(body);
  });
}
