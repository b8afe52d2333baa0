import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** The twilio SDK's files a fresh process loads when it imports `@koe/twilio` and makes a REST client. */
function twilioFilesLoaded(): string[] {
  const script = `
    import { registerHooks } from "node:module";
    const seen = new Set();
    registerHooks({
      resolve(specifier, context, next) {
        const resolved = next(specifier, context);
        const match = /\\/node_modules\\/twilio\\/(lib\\/.*)$/.exec(resolved.url);
        if (match) seen.add(match[1]);
        return resolved;
      },
    });
    const { createTwilioRest, operatorTwiml } = await import(${JSON.stringify(fileURLToPath(new URL("./index.ts", import.meta.url)))});
    createTwilioRest({ TWILIO_ACCOUNT_SID: "ACx", TWILIO_AUTH_TOKEN: "t" });
    operatorTwiml({ phoneNumber: "+81312345678", conferenceName: null });
    console.log(JSON.stringify([...seen]));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "[]") as string[];
}

describe("importing @koe/twilio", () => {
  // Every bridge process imports it for TwiML; the SDK's REST client (its whole API surface and
  // HTTP stack) is megabytes that only a redirect, hang-up or SMS needs.
  it("loads TwiML, and the SDK's REST client only on the first request", () => {
    const loaded = twilioFilesLoaded();
    expect(loaded).toContain("lib/twiml/VoiceResponse.js");
    expect(loaded.filter((file) => file.startsWith("lib/rest/") || file.startsWith("lib/base/"))).toEqual([]);
    expect(loaded).not.toContain("lib/index.js");
  });
});
