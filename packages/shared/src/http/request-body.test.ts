import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { parseFormText, RejectedRequest, readTextBody, sendRejection } from "./request-body.ts";

/** A loopback server that reads each body with readTextBody and answers the text or the refusal. */
async function echoServer(limitBytes: number) {
  const server = createServer((req, res) => {
    readTextBody(req, limitBytes).then(
      (text) => res.end(text),
      (error: unknown) => sendRejection(res, error as RejectedRequest),
    );
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe("parseFormText", () => {
  it("decodes like a form, '+' as a space and percent-escapes as UTF-8", () => {
    expect(parseFormText("From=%2B8190+1111&Body=%E3%81%82&Empty=&Flag")).toEqual({
      From: "+8190 1111",
      Body: "あ",
      Empty: "",
      Flag: "",
    });
  });

  it("refuses a malformed escape, escaped bytes that are not UTF-8, and NUL", () => {
    for (const text of ["a=%E0%A4%A", "a=%zz", "a=%FF", "a=1%002"]) {
      expect(() => parseFormText(text)).toThrow(RejectedRequest);
    }
  });
});

describe("readTextBody", () => {
  it("refuses NUL in JSON only as a real escape, not as an escaped backslash followed by text", async () => {
    const { url, server } = await echoServer(1_024);
    try {
      const post = (body: string) =>
        fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
      expect((await post(String.raw`{"a":"x\u0000"}`)).status).toBe(400);
      expect((await post(String.raw`{"a":"x\\\u0000"}`)).status).toBe(400);
      const text = String.raw`{"a":"x\\u0000"}`;
      expect(await (await post(text)).text()).toBe(text);
    } finally {
      server.close();
    }
  });
});
