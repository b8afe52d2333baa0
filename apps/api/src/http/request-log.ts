import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger.ts";

/** One log line per request when its response finishes (or the client goes away first). */
export function logRequest(logger: Logger, req: IncomingMessage, res: ServerResponse): void {
  const started = process.hrtime.bigint();
  res.once("close", () => {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const path = (req.url ?? "/").split("?")[0];
    const line = {
      method: req.method,
      path,
      status: res.statusCode,
      durationMs: Math.round(durationMs * 10) / 10,
    };
    if (res.statusCode >= 500) logger.error(line, "request");
    else logger.info(line, "request");
  });
}
