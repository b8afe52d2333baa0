import type { Auth } from "./auth.ts";

type AuthUser = Auth["$Infer"]["Session"]["user"];

/** Who is calling a procedure: the signed-in user, their role and their company (the tenant). */
export type SessionUser = Pick<AuthUser, "id" | "name" | "email" | "role" | "companyId">;

export type SessionRead = {
  user: SessionUser | null;
  /**
   * `Set-Cookie` values better-auth wants sent back: when a request comes past the session's
   * `updateAge` it extends the session in the database and re-issues the cookie with the new
   * expiry, which the browser only learns from these.
   */
  setCookies: string[];
};

/** The user of the session cookie in these request headers (null when there is none or it expired). */
export async function readSession(auth: Auth, headers: Headers): Promise<SessionRead> {
  const { headers: responseHeaders, response } = await auth.api.getSession({ headers, returnHeaders: true });
  const setCookies = responseHeaders.getSetCookie();
  if (!response) return { user: null, setCookies };
  const { id, name, email, role, companyId } = response.user;
  return { user: { id, name, email, role, companyId }, setCookies };
}
