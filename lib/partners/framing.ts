import type { Partner } from "./config";

/**
 * Origins that may frame an /embed/* page (and receive its messages): the named partner's, EMBED_ALLOWED_ORIGINS
 * when no partner is named, none for a partner id nobody configured. The request gate and the embed page both ask here.
 */
export function framingOrigins(
  { partners, allowedOrigins }: { partners: Partner[]; allowedOrigins: string[] },
  partnerId: string | null | undefined,
): string[] {
  if (!partnerId) return allowedOrigins;
  return partners.find((p) => p.id === partnerId)?.origins ?? [];
}
