import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { type ApiServerOptions, createApiServer } from "../server.ts";
import type { ApiServices } from "../trpc.ts";
import { APP_ORIGIN, type ApiHarness, startApiHarness, TEST_PASSWORD } from "./api-harness.ts";

export type ServedApi = {
  /** http://127.0.0.1:<port> */
  base: string;
  /** Signs in as a browser would (from `client`'s address); the raw response. */
  signIn(email: string, password?: string, client?: string): Promise<Response>;
  /** Signs in and returns the session cookie to send back. */
  sessionCookie(email: string, client?: string): Promise<string>;
  close(): Promise<void>;
};

/**
 * The api's HTTP server over the harness's services (`services` replaces some of them, e.g. a
 * database that is down), on a free loopback port.
 */
export async function serveApi(
  h: ApiHarness,
  options: Omit<ApiServerOptions, "services" | "auth"> & { services?: Partial<ApiServices> } = {},
): Promise<ServedApi> {
  const { services, ...serverOptions } = options;
  const server = createApiServer({
    services: { ...h.services, ...services },
    auth: h.auth,
    ...serverOptions,
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signIn = (email: string, password = TEST_PASSWORD, client?: string) =>
    fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: APP_ORIGIN,
        ...(client ? { "x-forwarded-for": client } : {}),
      },
      body: JSON.stringify({ email, password }),
    });
  return {
    base,
    signIn,
    async sessionCookie(email, client) {
      const res = await signIn(email, TEST_PASSWORD, client);
      return res.headers.get("set-cookie")?.split(";")[0] ?? "";
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A fresh harness with its api served and a browser signed in as `email` (from `client`'s address,
 * if given); `close` stops both.
 */
export async function startSignedInApi(
  email: string,
  client?: string,
): Promise<{ h: ApiHarness; base: string; cookie: string; close(): Promise<void> }> {
  const h = await startApiHarness();
  const api = await serveApi(h);
  return {
    h,
    base: api.base,
    cookie: await api.sessionCookie(email, client),
    close: async () => {
      await api.close();
      await h.close();
    },
  };
}
