import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { deployConfig } from "./deploy-config.ts";
import { freePort } from "./free-port.ts";
import { haproxyConfig } from "./haproxy-config.ts";
import { checkHaproxyConfig, type RunningHaproxy, startHaproxy } from "./haproxy-process.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function tempFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "koe-haproxy-test-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

/** A process stand-in that answers every request with its name and the path it got. */
async function namedServer(name: string): Promise<{ name: string; port: number; server: Server }> {
  const port = await freePort();
  const server = createServer((req, res) => res.end(`${name} ${req.url}`));
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(async () => {
    server.closeAllConnections();
    server.close();
  });
  return { name, port, server };
}

describe("the generated HAProxy configuration", () => {
  it("is what deploy/haproxy/koe.cfg holds, and HAProxy accepts it", async () => {
    const file = new URL("../../../deploy/haproxy/koe.cfg", import.meta.url).pathname;
    expect(await readFile(file, "utf8"), "run pnpm --filter @koe/cluster generate:deploy").toBe(
      deployConfig([]),
    );
    const check = await checkHaproxyConfig(file);
    expect(check.output).toContain("Configuration file is valid");
    expect(check.valid).toBe(true);
  });

  it("passes HAProxy's check when HAProxy terminates TLS itself", async () => {
    const dir = await mkdtemp(join(tmpdir(), "koe-haproxy-tls-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const pem = join(dir, "koe.pem");
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=voice.example.jp"],
        ...["-keyout", pem, "-out", `${pem}.crt`],
      ],
      { stdio: "ignore" },
    );
    await writeFile(pem, (await readFile(`${pem}.crt`, "utf8")) + (await readFile(pem, "utf8")));
    const config = deployConfig(["--bind", `:443 ssl crt ${pem}`, "--bridge", "b1=10.0.0.11:8181"]);
    expect(config).toContain(`bind :443 ssl crt ${pem}`);
    const check = await checkHaproxyConfig(await tempFile("tls.cfg", config));
    expect(check.valid, check.output).toBe(true);
  });

  it("refuses names HAProxy or a URL path could not carry, and duplicates", () => {
    const bridge = { name: "b1", host: "127.0.0.1", port: 8181 };
    expect(() => haproxyConfig({ bind: ":80" })).toThrow(/at least one/);
    expect(() => haproxyConfig({ bind: ":80", bridges: [{ ...bridge, name: "b 1" }] })).toThrow(/letters/);
    expect(() => haproxyConfig({ bind: ":80", bridges: [bridge, bridge] })).toThrow(/unique/);
    expect(() => deployConfig(["--bridge", "b1"])).toThrow(/NAME=HOST:PORT/);
  });
});

describe("HAProxy running the generated configuration", () => {
  async function start(bridges: string[], apis: string[]) {
    const servers = await Promise.all([...bridges, ...apis].map(namedServer));
    const port = await freePort();
    const upstream = (s: { name: string; port: number }) => ({
      name: s.name,
      host: "127.0.0.1",
      port: s.port,
    });
    const haproxy: RunningHaproxy = await startHaproxy(
      haproxyConfig({
        bind: `127.0.0.1:${port}`,
        bridges: servers.slice(0, bridges.length).map(upstream),
        apis: servers.slice(bridges.length).map(upstream),
        checkIntervalMs: 200,
      }),
      { host: "127.0.0.1", port },
    );
    cleanups.push(() => haproxy.stop());
    const get = async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { connection: "close" } });
      return res.text();
    };
    return { servers, get };
  }

  it("sends each media stream to its instance, round-robins the webhooks and sends the rest to the api", async () => {
    const { get } = await start(["b1", "b2", "b3"], ["api1", "api2"]);
    for (let round = 0; round < 3; round++) {
      for (const instance of ["b1", "b2", "b3"])
        expect(await get(`/api/twilio/media-stream/${instance}`)).toBe(
          `${instance} /api/twilio/media-stream/${instance}`,
        );
    }
    const webhooks = await Promise.all(Array.from({ length: 6 }, () => get("/api/twilio/voice")));
    expect(new Set(webhooks)).toEqual(new Set(["b1", "b2", "b3"].map((b) => `${b} /api/twilio/voice`)));
    const api = await Promise.all(Array.from({ length: 4 }, () => get("/trpc/live.activeCalls")));
    expect(new Set(api)).toEqual(new Set(["api1 /trpc/live.activeCalls", "api2 /trpc/live.activeCalls"]));
    // An unknown instance (a process since removed) is load-balanced like a webhook.
    expect(await get("/api/twilio/media-stream/gone")).toMatch(/^b[123] /);
  });

  it("sends the stream of a process that is gone to another bridge, at once and after its check fails", async () => {
    const { servers, get } = await start(["b1", "b2"], []);
    const b2 = servers[1];
    b2?.server.closeAllConnections();
    b2?.server.close();
    for (let i = 0; i < 10; i++)
      expect(await get("/api/twilio/media-stream/b2")).toBe("b1 /api/twilio/media-stream/b2");
    // With no api processes, everything is the bridges'.
    expect(await get("/healthz")).toBe("b1 /healthz");
  });
});
