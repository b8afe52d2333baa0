import { expect, it } from "vitest";
import { gc } from "../testing/garbage-collector.ts";
import { TwilioStream } from "./twilio-stream.ts";

it("keeps no slab of Node's shared buffer pool alive for as long as a call lasts", async () => {
  const collect = async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await collect();
  const before = process.memoryUsage().arrayBuffers;
  const streams: TwilioStream[] = [];
  for (let i = 0; i < 200; i++) {
    streams.push(new TwilioStream({} as never, {} as never, `MZ${String(i).padStart(32, "0")}`));
    // Frames written between two calls' set-ups fill the pool up to the next call's heads.
    for (let j = 0; j < 30; j++) Buffer.allocUnsafe(300);
  }
  await collect();
  const heldPerStream = (process.memoryUsage().arrayBuffers - before) / streams.length;
  // Its frame heads are strings; a pooled slice of bytes would hold the 8 KB pool it was cut from.
  expect(heldPerStream).toBeLessThan(1024);
});
