import type { RealtimeClientEvent } from "openai/resources/realtime/realtime";

/**
 * One response at a time, as the GA API allows: a response is asked for at once when the session is
 * ready and no response is in progress or being created, otherwise as soon as that changes.
 */
export class ResponseRequests {
  private readonly isReady: () => boolean;
  private readonly send: (event: RealtimeClientEvent) => void;
  private createCount = 0;
  /** `event_id` of a `response.create` not yet answered by `response.created`. */
  private pendingCreateId: string | null = null;
  private activeResponseId: string | null = null;
  private wanted = false;

  constructor(deps: { isReady(): boolean; send(event: RealtimeClientEvent): void }) {
    this.isReady = deps.isReady;
    this.send = deps.send;
  }

  /** A response is in progress on the provider. */
  get isActive(): boolean {
    return this.activeResponseId !== null;
  }

  /** Asks for a response now, or as soon as the session is ready and no other response is in progress. */
  request(): void {
    if (this.activeResponseId || this.pendingCreateId || !this.isReady()) {
      this.wanted = true;
      return;
    }
    this.wanted = false;
    this.pendingCreateId = `create_${++this.createCount}`;
    this.send({ type: "response.create", event_id: this.pendingCreateId });
  }

  /** Asks for the response that had to wait, if one did. */
  requestIfWanted(): void {
    if (this.wanted) this.request();
  }

  /** `response.created`. */
  created(responseId: string | undefined): void {
    this.activeResponseId = responseId ?? null;
    this.pendingCreateId = null;
  }

  /** `response.done`. */
  finished(): void {
    this.activeResponseId = null;
  }

  /** The provider refused the event with this id: if it was our `response.create`, none is coming. */
  refused(eventId: string | null | undefined): void {
    if (eventId && eventId === this.pendingCreateId) this.pendingCreateId = null;
  }

  /** The provider session was lost: an answer cut off by the drop is asked for again once a new one is ready. */
  lost(): void {
    if (this.activeResponseId !== null) this.wanted = true;
    this.activeResponseId = null;
    this.pendingCreateId = null;
  }
}
