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

/** For route handlers, which cannot redirect a download: the user, or a plain 401 (no session) or 403 (role) answer. */
export async function requirePermissionForRequest(permission: Permission): Promise<SignedIn | Response> {
  const user = await currentUser();
  if (!user) return new Response("Sign in to the dashboard first.\n", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  if (!can(user.role, permission))
    return new Response("Your role does not allow this.\n", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  return user;
}
