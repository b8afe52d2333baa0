/** better-auth's email sign-in and sign-out, served by the api on the SPA's origin. */
export type SignInResult = { ok: true } | { ok: false; message: string };

export async function signIn(email: string, password: string): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return { ok: false, message: "サーバーに接続できませんでした。" };
  }
  if (response.ok) return { ok: true };
  if (response.status === 429) {
    return { ok: false, message: "ログインの試行回数が多すぎます。1 分ほど待ってからお試しください。" };
  }
  if (response.status === 401 || response.status === 400) {
    return { ok: false, message: "メールアドレスまたはパスワードが正しくありません。" };
  }
  return { ok: false, message: `ログインできませんでした(HTTP ${response.status})。` };
}

export async function signOut(): Promise<void> {
  await fetch("/api/auth/sign-out", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
}
