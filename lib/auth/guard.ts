import { redirect } from "next/navigation";
import { currentUser } from "./index";
import type { SignedIn } from "./session";
import type { Role } from "./config";

/** Roles that may read the outbox and retry deliveries. */
export const DASHBOARD_ROLES: Role[] = ["ADMIN", "MARKETER"];

/** For pages and data reads: the user, or a redirect to /login. The request gate is not the protection. */
export async function requireRole(roles: Role[] = DASHBOARD_ROLES): Promise<SignedIn> {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (!roles.includes(user.role)) redirect("/login?error=forbidden");
  return user;
}
