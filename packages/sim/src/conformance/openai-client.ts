import { connect } from "node:net";
import OpenAI from "openai";
import { OpenAIRealtimeWS } from "openai/realtime/ws";
import type { RealtimeSimulator } from "../realtime/realtime-simulator.ts";
import { ServerEventLog } from "./server-event-log.ts";

/**
 * The official `openai` client's `OpenAIRealtimeWS`, pointed at the simulator through its `baseURL`.
 * The client insists on `wss:`; the simulator speaks plain WebSocket on loopback, so the socket's
 * connection is a plain TCP one (TLS is the only layer left out). Every server event it parses goes
 * to `log`, every error it reports (from the server or its own) to `failures`.
 */
export async function connectOpenAIClient(sim: RealtimeSimulator, model = "gpt-realtime-2.1") {
  const { hostname, port } = new URL(sim.url);
  const client = new OpenAI({ apiKey: "sk-sim-conformance", baseURL: `https://${hostname}:${port}/v1` });
  const rt = new OpenAIRealtimeWS(
    { model, options: { createConnection: () => connect(Number(port), hostname) } },
    client,
  );
  const log = new ServerEventLog();
  const failures: Error[] = [];
  rt.on("event", (event) => log.push(event));
  rt.on("error", (error) => failures.push(error));
  await new Promise<void>((resolve, reject) => {
    rt.socket.once("open", () => resolve());
    rt.socket.once("error", reject);
  });
  const closed = () =>
    new Promise<void>((resolve) => {
      if (rt.socket.readyState === rt.socket.CLOSED) return resolve();
      rt.socket.once("close", () => resolve());
      rt.close();
    });
  return { rt, log, failures, closed };
}
