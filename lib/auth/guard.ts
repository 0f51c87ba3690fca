import { redirect } from "next/navigation";
import { currentUser } from "./index";
import { can, type Permission } from "./permissions";
import type { SignedIn } from "./session";

/** For pages and data reads: the user, or a redirect to /login. The request gate is not the protection. */
export async function requirePermission(permission: Permission = "read"): Promise<SignedIn> {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (!can(user.role, permission)) redirect("/login?error=forbidden");
  return user;
}
