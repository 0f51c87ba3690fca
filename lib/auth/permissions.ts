import type { Role } from "./config";

/** What a dashboard page or action needs: reading, exporting, acting on submissions, administering, or changing one's own account. */
export type Permission = "read" | "export" | "act" | "admin" | "own-account";

const GRANTS: Record<Role, readonly Permission[]> = {
  ADMIN: ["read", "export", "act", "admin", "own-account"],
  MARKETER: ["read", "export", "act", "own-account"],
  VIEWER: ["read", "export", "own-account"],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
