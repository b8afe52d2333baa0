import pino from "pino";

/** The bridge's root logger; modules take a child with their name (and the callSid, per call). */
export function createLogger(level: string) {
  return pino({ name: "koe-bridge", level });
}
export type Logger = pino.Logger;
