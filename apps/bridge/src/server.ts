import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type PrismaClient, pingDatabase } from "@koe/db";
import type { Registry } from "prom-client";
import type { Logger } from "./logger.ts";

export type BridgeDeps = { prisma: PrismaClient; metrics: Registry; logger: Logger };

/** The bridge's HTTP server. Twilio's webhooks and the media-stream WebSocket join it in later work. */
export function createBridgeServer(deps: BridgeDeps): Server {
  return createServer((req, res) => {
    route(deps, req, res).catch((error: unknown) => {
      deps.logger.error({ err: error, url: req.url }, "request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "internal error" }));
    });
  });
}

async function route(deps: BridgeDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? "/", "http://bridge").pathname;
  if (req.method === "GET" && path === "/healthz") {
    const database = await pingDatabase(deps.prisma);
    res.writeHead(database.ok ? 200 : 503, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: database.ok ? "ok" : "degraded", database }));
    return;
  }
  if (req.method === "GET" && path === "/metrics") {
    res.writeHead(200, { "content-type": deps.metrics.contentType });
    res.end(await deps.metrics.metrics());
    return;
  }
  res.writeHead(404, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: `no route for ${req.method} ${path}` }));
}
