import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { sendRejection } from "@koe/shared/request-body";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { fromNodeHeaders, toNodeHandler } from "better-auth/node";
import type { Auth } from "./auth/auth.ts";
import { setClientAddress } from "./auth/client-address.ts";
import { readSession, type SessionUser } from "./auth/session-user.ts";
import { CALL_RECORDING_PATH, serveCallRecording } from "./http/call-recording.ts";
import { applyCors } from "./http/cors.ts";
import {
  HISTORY_EXPORT_PATH,
  serveHistoryCsv,
  serveTranscriptText,
  TRANSCRIPT_EXPORT_PATH,
} from "./http/exports.ts";
import { isForeignMutation } from "./http/origin-check.ts";
import { API_BODY_LIMIT_BYTES, checkRequestInput, RejectedRequest } from "./http/request-guard.ts";
import { logRequest } from "./http/request-log.ts";
import { createSpaHandler } from "./http/static-spa.ts";
import { appRouter } from "./root.ts";
import { type ApiServices, createCallerFactory } from "./trpc.ts";

export type ApiServerOptions = {
  services: ApiServices;
  auth: Auth;
  /** Browser origins besides the api's own that may call it (CORS); usually none. */
  corsOrigins?: string[];
  /** The built SPA to serve for every other GET path; null in development (Vite serves it). */
  webDist?: string | null;
  /** The largest request body read (default 1 MiB). */
  bodyLimitBytes?: number;
};

const createCaller = createCallerFactory(appRouter);

/**
 * The api's HTTP server: tRPC (and its SSE subscriptions) under /trpc, better-auth's sign-in and
 * sign-out under /api/auth, /healthz, and in production the SPA, all on one origin.
 */
export function createApiServer(options: ApiServerOptions): Server {
  const { services, auth } = options;
  const corsOrigins = new Set(options.corsOrigins ?? []);
  // The origins whose pages may change anything: better-auth's own list (APP_ORIGIN, CORS_ORIGINS).
  const trustedOrigins = new Set(auth.options.trustedOrigins);
  const bodyLimitBytes = options.bodyLimitBytes ?? API_BODY_LIMIT_BYTES;
  const trustedProxies = auth.options.advanced.ipAddress.trustedProxies;
  const authHandler = toNodeHandler(auth);
  const spa = options.webDist ? createSpaHandler(options.webDist, services.logger) : null;
  const requestIds = new WeakMap<IncomingMessage, string>();
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/trpc/",
    createContext: async ({ req, res }) => {
      const session = await readSession(auth, fromNodeHeaders(req.headers));
      // A refreshed session cookie goes out with this response, SSE streams included: tRPC
      // writes its own headers later and adds no cookies of its own.
      for (const cookie of session.setCookies) res.appendHeader("set-cookie", cookie);
      return { ...services, user: session.user, requestId: requestIds.get(req) };
    },
    onError: ({ path, error, req }) => {
      // The client got a code and a safe message (trpc.ts); the details stay here.
      if (error.code === "INTERNAL_SERVER_ERROR")
        services.logger.error({ err: error, path, requestId: requestIds.get(req) }, "procedure failed");
    },
  });
  /** The signed-in GET routes beside tRPC: a recording, the history as CSV, a transcript. */
  const downloadOf = (
    path: string,
    url: URL,
  ): ((user: SessionUser | null, res: ServerResponse) => Promise<void>) | null => {
    const recording = CALL_RECORDING_PATH.exec(path)?.[1];
    if (recording) return (user, res) => serveCallRecording(services, user, recording, res);
    if (path === HISTORY_EXPORT_PATH) return (user, res) => serveHistoryCsv(services, user, url, res);
    const transcript = TRANSCRIPT_EXPORT_PATH.exec(path)?.[1];
    if (transcript) return (user, res) => serveTranscriptText(services, user, transcript, res);
    return null;
  };
  const route = (req: IncomingMessage, res: ServerResponse, path: string): void => {
    if (path.startsWith("/trpc/")) return void trpc(req, res);
    if (path.startsWith("/api/auth/")) {
      setClientAddress(req, trustedProxies);
      return void authHandler(req, res);
    }
    const download = req.method === "GET" ? downloadOf(path, new URL(req.url ?? "/", "http://api")) : null;
    if (download) {
      void readSession(auth, fromNodeHeaders(req.headers))
        .then((session) => {
          for (const cookie of session.setCookies) res.appendHeader("set-cookie", cookie);
          return download(session.user, res);
        })
        .catch((error: unknown) => {
          services.logger.error({ err: error, path, requestId: requestIds.get(req) }, "download failed");
          // Once a stream has begun, cutting it short is all that is left to say.
          if (res.headersSent) return void res.destroy();
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: "internal error" }));
        });
      return;
    }
    if (req.method === "GET" && path === "/healthz") {
      void createCaller({ ...services, user: null })
        .health.check()
        .then((health) => {
          res.writeHead(health.status === "ok" ? 200 : 503, { "content-type": "application/json" });
          res.end(JSON.stringify(health));
        });
      return;
    }
    if (spa && !path.startsWith("/api/")) return void spa(req, res, path);
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: `no route for ${req.method} ${path}` }));
  };
  return createServer((req, res) => {
    const requestId = randomUUID();
    requestIds.set(req, requestId);
    res.setHeader("x-request-id", requestId);
    logRequest(services.logger, req, res);
    if (applyCors(corsOrigins, req, res)) return;
    const path = new URL(req.url ?? "/", "http://api").pathname;
    if (isForeignMutation(req, trustedOrigins)) {
      services.logger.warn({ path, origin: req.headers.origin, requestId }, "refused a cross-site request");
      res.writeHead(403, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ error: "cross-site request refused" }));
    }
    // Size and encoding are checked before anything reads the body, sign-in included.
    checkRequestInput(req, bodyLimitBytes).then(
      () => route(req, res, path),
      (error: unknown) => {
        if (error instanceof RejectedRequest) return sendRejection(res, error);
        services.logger.warn({ err: error, path, requestId }, "could not read a request");
        res.destroy();
      },
    );
  });
}
