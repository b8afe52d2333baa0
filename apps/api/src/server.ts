import { createServer, type Server } from "node:http";
import type { PrismaClient } from "@koe/db";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import type { Logger } from "./logger.ts";
import { appRouter } from "./root.ts";
import { createCallerFactory } from "./trpc.ts";

export type ApiDeps = { prisma: PrismaClient; logger: Logger };

const createCaller = createCallerFactory(appRouter);

/** The api's HTTP server: tRPC under /trpc, and /healthz for load balancers and the dev runner. */
export function createApiServer(deps: ApiDeps): Server {
  const context = () => ({ prisma: deps.prisma });
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/trpc/",
    createContext: context,
    onError: ({ path, error }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") deps.logger.error({ err: error, path }, "procedure failed");
    },
  });
  return createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://api").pathname;
    if (path.startsWith("/trpc/")) return trpc(req, res);
    if (req.method === "GET" && path === "/healthz") {
      void createCaller(context())
        .health.check()
        .then((health) => {
          res.writeHead(health.status === "ok" ? 200 : 503, { "content-type": "application/json" });
          res.end(JSON.stringify(health));
        });
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: `no route for ${req.method} ${path}` }));
  });
}
