import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { pipeline } from "node:stream";
import type { Logger } from "../logger.ts";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".mp3": "audio/mpeg",
  ".webmanifest": "application/manifest+json",
};

/**
 * Serves the built SPA: files under `root`, and index.html for any other GET path so the SPA's
 * own routes (/settings/sales-pitch, …) survive a reload. Vite's hashed /assets are cached for a
 * year; index.html never, so a release shows at once. A file that fails while it is read (gone
 * in a redeploy, a disk error) is logged and its response cut short, never an uncaught error.
 */
export function createSpaHandler(root: string, logger: Logger) {
  const base = normalize(root + sep);
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    let file: string;
    try {
      file = normalize(join(base, decodeURIComponent(path)));
    } catch {
      res.writeHead(400).end();
      return;
    }
    const exists = file.startsWith(base) && (await isFile(file));
    // A missing file (a path with an extension) is a 404; any other path is one of the SPA's routes.
    if (!exists && extname(path) !== "") {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
      return;
    }
    const found = exists ? file : join(base, "index.html");
    const immutable = found !== join(base, "index.html") && path.startsWith("/assets/");
    res.writeHead(200, {
      "content-type": CONTENT_TYPES[extname(found)] ?? "application/octet-stream",
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    pipeline(createReadStream(found), res, (err) => {
      if (!err) return;
      // The status line is out already: the client sees a truncated response and retries.
      if (err.code !== "ERR_STREAM_PREMATURE_CLOSE")
        logger.warn({ err, file: found }, "serving a file failed");
      if (!res.writableEnded) res.end();
    });
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
