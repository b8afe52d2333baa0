import type { UserRole } from "@koe/db";
import type { Auth } from "./auth.ts";

/** Who is calling a procedure: the signed-in user, their role and their company (the tenant). */
export type SessionUser = {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  companyId: string;
};

/** The user of the session cookie in these request headers, or null when there is none or it expired. */
export async function readSessionUser(auth: Auth, headers: Headers): Promise<SessionUser | null> {
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const { id, name, email, role, companyId } = session.user;
  return { id, name, email, role: role as UserRole, companyId };
}
