import type { RealtimeSimulator } from "../realtime/realtime-simulator.ts";
import { WebRtcCall } from "../webrtc/webrtc-call.ts";
import type { ClientSecrets } from "./client-secrets.ts";
import { type OpenAIError, openAIError } from "./openai-error.ts";

export type CallAnswer = { status: 201; sdp: string; location: string };

/**
 * POST /v1/realtime/calls as a browser makes it: the SDP offer as `application/sdp`, authorized by
 * an ephemeral client secret, whose bound session the call's simulated session starts with.
 */
export class RealtimeCalls {
  /** The calls in progress, by id. */
  readonly calls = new Map<string, WebRtcCall>();
  private readonly secrets: ClientSecrets;
  private readonly simulator: RealtimeSimulator | null;
  private readonly host: string | null;

  constructor(deps: { secrets: ClientSecrets; simulator: RealtimeSimulator | null; host: string | null }) {
    this.secrets = deps.secrets;
    this.simulator = deps.simulator;
    this.host = deps.host;
  }

  async create(request: {
    authorization: string | undefined;
    contentType: string | undefined;
    offer: string;
  }): Promise<CallAnswer | OpenAIError> {
    const session = this.secrets.redeem(request.authorization);
    if ("body" in session) return session;
    if (!request.contentType?.startsWith("application/sdp")) {
      return openAIError(
        400,
        "Send the SDP offer as the request body with 'Content-Type: application/sdp'.",
        {
          code: "unsupported_content_type",
        },
      );
    }
    const simulator = this.simulator;
    if (!simulator) {
      return openAIError(501, "This fake has no Realtime simulator to run calls: start it with `realtime`.", {
        type: "server_error",
      });
    }
    try {
      const { call, sdp } = await WebRtcCall.answer({
        offer: request.offer,
        session,
        host: this.host,
        newSession: (socket) => {
          const simulated = simulator.newSession(socket, String(session.model), session);
          simulator.adopt(simulated);
          return simulated;
        },
        onClosed: (ended) => this.calls.delete(ended.id),
      });
      this.calls.set(call.id, call);
      return { status: 201, sdp, location: `/v1/realtime/calls/${call.id}` };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return openAIError(400, `Invalid SDP offer: ${detail}`, { param: "sdp", code: "invalid_offer" });
    }
  }

  close(): void {
    for (const call of this.calls.values()) call.close();
    this.calls.clear();
  }
}
