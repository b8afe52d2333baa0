/** better-auth's email sign-in and sign-out, served by the api on the SPA's origin. */
export type SignInFailure =
  | { reason: "network" }
  | { reason: "rateLimited" }
  | { reason: "rejected" }
  | { reason: "http"; status: number };
export type SignInResult = { ok: true } | ({ ok: false } & SignInFailure);

export async function signIn(email: string, password: string): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return { ok: false, reason: "network" };
  }
  if (response.ok) return { ok: true };
  if (response.status === 429) return { ok: false, reason: "rateLimited" };
  if (response.status === 401 || response.status === 400) return { ok: false, reason: "rejected" };
  return { ok: false, reason: "http", status: response.status };
}

export async function signOut(): Promise<void> {
  await fetch("/api/auth/sign-out", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
}
