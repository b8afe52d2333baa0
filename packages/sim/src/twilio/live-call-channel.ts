import { once } from "node:events";
import { WebSocket } from "ws";
import { z } from "zod";
import { type ParsedTwiml, parseTwiml } from "./twiml.ts";

/**
 * What a REST update (`calls(sid).update`) does to a live call, as Twilio carries it out: new
 * TwiML ends the media stream and runs the new instructions (e.g. a <Dial> to the operator);
 * `Status=completed` hangs the call up.
 */
export type LiveCallUpdate = { kind: "redirect"; twiml: ParsedTwiml } | { kind: "completed" };

const parsedTwimlSchema = z.object({
  stream: z.object({ url: z.string(), parameters: z.record(z.string(), z.string()) }).nullable(),
  says: z.array(z.string()),
  gatherAction: z.string().nullable(),
  dial: z.string().nullable(),
  hangup: z.boolean(),
});
const liveCallUpdateSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("redirect"), twiml: parsedTwimlSchema }),
  z.object({ kind: z.literal("completed") }),
]);

/** Where a caller simulator follows its call on the fake REST API (the fake and caller may be two processes). */
export const LIVE_CALL_PATH = /^\/_sim\/calls\/(CA\w+)$/;

/** The update a call-update request's form asks for; null when it changes nothing Twilio acts on. */
export function liveCallUpdateOf(params: Record<string, string>): LiveCallUpdate | null {
  if (params.Status === "completed" || params.Status === "canceled") return { kind: "completed" };
  if (params.Twiml) return { kind: "redirect", twiml: parseTwiml(params.Twiml) };
  return null;
}

export function encodeLiveCallUpdate(update: LiveCallUpdate): string {
  return JSON.stringify(update);
}

/**
 * Subscribes a simulated call to the fake REST API's updates of `callSid`. Resolves to null when
 * nothing answers there (a real Twilio account, or no fake running): the call then plays on as
 * scripted.
 */
export async function followLiveCall(
  twilioRestUrl: string,
  callSid: string,
  onUpdate: (update: LiveCallUpdate) => void,
): Promise<{ close(): void } | null> {
  const socket = new WebSocket(new URL(`/_sim/calls/${callSid}`, twilioRestUrl.replace(/^http/, "ws")));
  try {
    await once(socket, "open");
  } catch {
    return null;
  }
  socket.on("message", (data) => {
    const update = liveCallUpdateSchema.safeParse(JSON.parse(data.toString()));
    if (update.success) onUpdate(update.data);
  });
  return { close: () => socket.close() };
}
