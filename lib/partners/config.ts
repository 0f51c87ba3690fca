import { z } from "zod";

export type Partner = { id: string; name: string; origins: string[]; tag: string };

const isOrigin = (value: string) => {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
};

const partners = z.array(
  z.object({
    id: z.string().regex(/^[a-z0-9-]{2,40}$/, "id must be 2-40 lowercase letters, digits or dashes"),
    name: z.string().trim().min(1, "name is empty"),
    origins: z.array(z.string().refine(isOrigin, "each origin must be scheme://host[:port], nothing more")).min(1, "origins is empty"),
    tag: z.string().trim().min(1).max(64).optional(),
  }),
);

/** EMBED_PARTNERS: a JSON list of {id, name, origins, tag?}; the tag defaults to partner:<id>. */
export function parsePartners(text: string): { ok: true; partners: Partner[] } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'must be JSON, like [{"id":"acme","name":"Acme","origins":["https://acme.example"],"tag":"partner:acme"}]' };
  }
  const result = partners.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, message: `${issue.path.length ? `entry ${issue.path.join(".")}: ` : ""}${issue.message}` };
  }
  const ids = new Set<string>();
  for (const partner of result.data) {
    if (ids.has(partner.id)) return { ok: false, message: `partner id "${partner.id}" appears twice` };
    ids.add(partner.id);
  }
  return { ok: true, partners: result.data.map((p) => ({ ...p, tag: p.tag ?? `partner:${p.id}` })) };
}
