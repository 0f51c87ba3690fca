import type { Database } from "@/lib/db/client";

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = { action?: string; actor?: string; before?: bigint };

/** The audit log newest first, a page at a time by id (keyset: stable while entries are added). */
export async function auditEntries(db: Database, { action, actor, before }: AuditFilter) {
  const rows = await db.auditEntry.findMany({
    where: {
      ...(action ? { action: { startsWith: action } } : {}),
      ...(actor ? { actorEmail: { contains: actor.toLowerCase() } } : {}),
      ...(before ? { id: { lt: before } } : {}),
    },
    orderBy: { id: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
  });
  return { entries: rows.slice(0, AUDIT_PAGE_SIZE), older: rows.length > AUDIT_PAGE_SIZE ? rows[AUDIT_PAGE_SIZE - 1].id : null };
}

/** The distinct action names, for the filter. */
export async function auditActions(db: Database): Promise<string[]> {
  const rows = await db.auditEntry.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
