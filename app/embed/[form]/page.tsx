import { notFound } from "next/navigation";
import { EmbedBridge } from "@/components/embed-bridge";
import { VisitorForm } from "@/components/visitor-form";
import { env } from "@/lib/config/env";
import { findForm } from "@/content/registry";
import { framingOrigins } from "@/lib/partners/framing";

type Props = { params: Promise<{ form: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The form alone, for partner iframes (see public/embed.js). Framing is allowed by the request gate
 * per partner; here the partner, its page URL and referrer are bound into the form's signed token.
 */
export default async function EmbedPage({ params, searchParams }: Props) {
  const form = findForm((await params).form);
  if (!form) notFound();
  const query = await searchParams;
  const one = (name: string) => (typeof query[name] === "string" ? (query[name] as string).slice(0, 2000) : undefined);
  const config = env();
  const partner = config.EMBED_PARTNERS.find((p) => p.id === one("partner"));
  const parentOrigin = originOf(one("page"));
  // Messages go only to an origin that may frame this page: never to whoever claims to be the parent.
  const allowed = framingOrigins({ partners: config.EMBED_PARTNERS, allowedOrigins: config.EMBED_ALLOWED_ORIGINS }, one("partner"));
  return (
    <main>
      <EmbedBridge parentOrigin={parentOrigin && allowed.includes(parentOrigin) ? parentOrigin : null}>
        <VisitorForm form={form} embed={{ partnerId: partner?.id, pageUrl: one("page"), referrer: one("referrer") }} />
      </EmbedBridge>
    </main>
  );
}

function originOf(url?: string) {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}
