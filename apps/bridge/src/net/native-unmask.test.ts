import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

describe("ws's native helper", () => {
  it("loads bufferutil's prebuilt binary, not its JavaScript fallback (ws and the text frame reader unmask Twilio's frames with it)", () => {
    const bufferutil = createRequire(import.meta.url)("bufferutil") as {
      unmask(buffer: Buffer, mask: Buffer): void;
    };
    expect(String(bufferutil.unmask)).toContain("[native code]");
    const frame = Buffer.from("koe".repeat(20));
    const mask = Buffer.from([1, 2, 3, 4]);
    bufferutil.unmask(frame, mask);
    bufferutil.unmask(frame, mask);
    expect(frame.toString()).toBe("koe".repeat(20));
  });
});
