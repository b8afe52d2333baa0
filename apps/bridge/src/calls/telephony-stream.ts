import type { Base64Audio } from "@koe/shared";

/** The Twilio side of a call, as the call needs it. */
export interface TelephonyStream {
  /**
   * Sends agent audio, and the mark after it if one is given, which Twilio echoes once it has
   * played the audio. `mark` is ASCII (the bridge names its marks).
   */
  sendAudio(payload: Base64Audio, mark: string | null): void;
  /** A mark alone, after the audio sent so far. */
  sendMark(mark: string): void;
  clear(): void;
  close(): void;
  /** Bytes handed to the socket and not yet written to the network (what a stalled reader piles up). */
  readonly bufferedBytes: number;
}
