import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Reading the file fails half-way, as when a redeploy removes it or the disk errs.
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  return {
    ...fs,
    createReadStream: (path: string) =>
      path.endsWith("broken.js")
        ? new Readable({
            read() {
              this.push("console.log(");
              this.destroy(Object.assign(new Error("EIO: i/o error, read"), { code: "EIO" }));
            },
          })
        : fs.createReadStream(path),
  };
});

const { createSpaHandler } = await import("./static-spa.ts");

describe("SPA static files", () => {
  let root: string;
  let server: Server;
  let base: string;
  const warnings: unknown[] = [];
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "koe-spa-"));
    await writeFile(join(root, "index.html"), "<!doctype html><title>Koe</title>");
    await writeFile(join(root, "broken.js"), "console.log('never read')");
    const logger = pino({ level: "warn" }, { write: (line: string) => void warnings.push(JSON.parse(line)) });
    const spa = createSpaHandler(root, logger);
    server = createServer((req, res) => void spa(req, res, new URL(req.url ?? "/", "http://x").pathname));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await rm(root, { recursive: true });
  });

  it("logs a file that fails while it is read and cuts that response short, and serves on", async () => {
    await expect(fetch(`${base}/broken.js`).then((res) => res.text())).rejects.toThrow();
    await vi.waitFor(() => expect(warnings).toHaveLength(1));
    expect(warnings[0]).toMatchObject({ msg: "serving a file failed", err: { code: "EIO" } });
    const index = await fetch(`${base}/settings`);
    expect(await index.text()).toContain("<title>Koe</title>");
  });
});
