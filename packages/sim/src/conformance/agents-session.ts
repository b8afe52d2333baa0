import { type OpenAIRealtimeWebSocket, RealtimeAgent, RealtimeSession, tool } from "@openai/agents/realtime";
import { z } from "zod";
import type { RealtimeSimulator } from "../realtime/realtime-simulator.ts";
import { watchAgentsTransport } from "./agents-transport-watch.ts";
import { SCHEDULE_TOOL } from "./call-script.ts";

/**
 * An `@openai/agents` `RealtimeSession` with the scenario's tool, configured like Koe's phone
 * sessions (μ-law both ways, server VAD, Japanese transcription), connected to the simulator over
 * `transport`. `toolCalls` records the arguments the SDK ran the tool with; `errors` every error
 * the session reported.
 */
export async function connectAgentsSession(sim: RealtimeSimulator, transport: OpenAIRealtimeWebSocket) {
  const toolCalls: unknown[] = [];
  const agent = new RealtimeAgent({
    name: "受付",
    instructions: "あなたはデモ株式会社の電話受付です。",
    tools: [
      tool({
        name: SCHEDULE_TOOL.name,
        description: SCHEDULE_TOOL.description,
        parameters: z.object({ date: z.string(), time: z.string() }),
        execute: (args) => {
          toolCalls.push(args);
          return JSON.stringify({ booked: true });
        },
      }),
    ],
  });
  const watched = watchAgentsTransport(transport);
  const session = new RealtimeSession(agent, {
    transport,
    model: "gpt-realtime-2.1",
    config: {
      audio: {
        input: {
          format: { type: "audio/pcmu" },
          transcription: { model: "gpt-transcribe", language: "ja" },
          turnDetection: { type: "server_vad", silence_duration_ms: 500 },
        },
        output: { format: { type: "audio/pcmu" }, voice: "marin" },
      },
    },
  });
  const errors: unknown[] = [];
  session.on("error", (error) => errors.push(error));
  await session.connect({ apiKey: "sk-sim-conformance", url: `${sim.url}?model=gpt-realtime-2.1` });
  await watched.log.next("session.updated");
  return { session, toolCalls, errors, ...watched };
}
