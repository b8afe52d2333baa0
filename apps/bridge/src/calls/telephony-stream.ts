/** The Twilio side of a call, as the call needs it. */
export interface TelephonyStream {
  sendMedia(payloadBase64: string): void;
  sendMark(name: string): void;
  clear(): void;
  close(): void;
  /** Bytes handed to the socket and not yet written to the network (what a stalled reader piles up). */
  readonly bufferedBytes: number;
}
