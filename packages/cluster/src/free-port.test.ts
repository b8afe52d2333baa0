import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { freePort } from "./free-port.ts";

describe("freePort", () => {
  it("hands out ports below the kernel's ephemeral range that a server can then listen on", async () => {
    const ephemeral = Number(
      readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0],
    );
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port).toBeLessThan(ephemeral);
      const server = createServer().listen(port);
      await once(server, "listening");
      server.close();
    }
  });

  it("never hands out the same port twice, though nobody took it (a test picks several before it starts anything)", async () => {
    // The same random pick twice in a row.
    const random = vi.spyOn(Math, "random").mockReturnValueOnce(0.5).mockReturnValueOnce(0.5);
    try {
      const first = await freePort();
      expect(await freePort()).not.toBe(first);
    } finally {
      random.mockRestore();
    }
  });
});
