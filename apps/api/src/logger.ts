import pino from "pino";

/** The api's root logger; modules take a child with their name. */
export function createLogger(level: string) {
  return pino({ name: "koe-api", level });
}
export type Logger = pino.Logger;
