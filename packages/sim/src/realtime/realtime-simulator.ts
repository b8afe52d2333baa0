import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";
import { WebSocketServer } from "ws";
import { SCENARIOS, scenarioByName } from "../scenarios/fixtures.ts";
import { type Scenario, scenarioSchema } from "../scenarios/scenario.ts";
import { API_PACING } from "./audio-pacing.ts";
import { type Faults, SESSION_REFUSALS } from "./faults.ts";
import { MAX_APPEND_BYTES } from "./input-audio-buffer.ts";
import type { SimulatorStats } from "./session-events.ts";
import type { SessionSocket } from "./session-socket.ts";
import { type SimClock, wallClock } from "./sim-clock.ts";
import { type SessionOptions, SimulatorSession } from "./simulator-session.ts";

/**
 * The largest WebSocket frame accepted: a maximal append (15 MiB of audio, as base64) and its
 * envelope. A larger frame closes that one client with 1009 (message too big).
 */
export const MAX_FRAME_BYTES = Math.ceil((MAX_APPEND_BYTES * 4) / 3) + 64 * 1024;

export type RealtimeSimulatorOptions = {
  port?: number;
  host?: string;
  /** The script new sessions follow (default: the booking call). Can be changed later. */
  scenario?: Scenario;
  /** The model's own latency before each response starts (default 0). */
  responseLatencyMs?: number;
  /** Audio per `response.output_audio.delta` (default 40 ms). */
  audioChunkMs?: number;
  /**
   * Deliver audio this many times faster than real time (default 4, like the API; 1: real time).
   */
  audioPace?: number;
  /**
   * Audio sent back to back as one burst (default 500 ms, like the API); 0: evenly paced chunks.
   */
  audioBurstMs?: number;
  /**
   * When a caller turn's transcription completes after its commit: a seeded-random moment in
   * this range (default 0–1200 ms: before, during or after the response, as with the API).
   */
  transcriptionDelayMs?: { min: number; max: number };
  /** Seeds every random choice (transcription moments, faults): one seed, one sequence (default 1). */
  seed?: number;
  /** Benchmark mode: stamp generated audio, time stamped audio received (see `stats`). */
  stampAudio?: boolean;
  /** The clock response audio is paced by (default: the wall clock; tests pass a `ManualClock`). */
  clock?: SimClock;
};

/**
 * A WebSocket server that speaks the OpenAI Realtime GA protocol at `/v1/realtime?model=…`,
 * scripted by a scenario, with a recorder (`sessions`) and fault controls (`faults`).
 */
export class RealtimeSimulator {
  /** Base URL to give a client as `OPENAI_REALTIME_URL`. */
  readonly url: string;
  readonly sessions: SimulatorSession[] = [];
  faults: Faults = {};
  scenario: Scenario;
  /** Upgrade attempts refused (auth, faults, bad requests). */
  refusedConnections = 0;
  readonly stats: SimulatorStats = {
    appendsReceived: 0,
    deltasSent: 0,
    inboundLatenciesMs: [],
    toolCallsWithheld: 0,
  };

  private readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly options: Omit<SessionOptions, "model" | "session" | "scenario" | "faults" | "stats">;
  private sessionsStarted = 0;
  private readonly sessionWaiters: Array<() => void> = [];
  private readonly queuedScenarios: Array<{ scenario: Scenario; taken: () => void }> = [];

  private constructor(server: Server, url: string, options: RealtimeSimulatorOptions) {
    this.server = server;
    this.url = url;
    this.scenario = options.scenario ?? SCENARIOS.booking;
    this.options = {
      responseLatencyMs: options.responseLatencyMs ?? 0,
      pacing: {
        chunkMs: options.audioChunkMs ?? API_PACING.chunkMs,
        pace: options.audioPace ?? API_PACING.pace,
        burstMs: options.audioBurstMs ?? API_PACING.burstMs,
      },
      transcriptionDelayMs: options.transcriptionDelayMs ?? { min: 0, max: 1200 },
      seed: options.seed ?? 1,
      stampAudio: options.stampAudio ?? false,
      clock: options.clock ?? wallClock,
    };
    server.on("upgrade", (req, socket, head) => this.onUpgrade(req, socket, head));
  }

  static async start(options: RealtimeSimulatorOptions = {}): Promise<RealtimeSimulator> {
    const server = createServer();
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1");
    await once(server, "listening");
    const { address, port } = server.address() as AddressInfo;
    const simulator = new RealtimeSimulator(server, `ws://${address}:${port}/v1/realtime`, options);
    server.on("request", (req, res) => simulator.onControlRequest(req, res));
    return simulator;
  }

  /**
   * Control endpoints of a long-running simulator (the local demo, the benchmark):
   * `PUT /scenario` with `{"name": "handoff"}` or a whole `{"scenario": {…}}` switches the script of
   * new sessions; `POST /scenario-queue` gives one scenario to the next new session (see
   * `queueScenario`); `GET /stats` returns the benchmark counters.
   */
  private onControlRequest(req: IncomingMessage, res: ServerResponse): void {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && req.url === "/stats") return reply(200, this.stats);
    if (req.method === "POST" && req.url === "/scenario-queue") return this.onQueueRequest(req, res, reply);
    if (req.method !== "PUT" || req.url !== "/scenario") {
      return reply(426, {
        error: { message: "Use a WebSocket connection to /v1/realtime?model=…, PUT /scenario or GET /stats" },
      });
    }
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      try {
        const { name, scenario } = JSON.parse(body) as { name?: unknown; scenario?: unknown };
        this.scenario =
          scenario === undefined ? scenarioByName(String(name)) : scenarioSchema.parse(scenario);
        reply(200, { scenario: this.scenario.name });
      } catch (error) {
        reply(400, { error: { message: error instanceof Error ? error.message : String(error) } });
      }
    });
  }

  /**
   * The next new session follows `scenario` instead of the default (several queued: one each, in
   * order). Resolves once a session has taken it; `signal` withdraws it. An evaluation run queues
   * each test call's scenario before it places the call, so calls of different scenarios can run
   * at once.
   */
  queueScenario(scenario: Scenario, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry = { scenario, taken: resolve };
      this.queuedScenarios.push(entry);
      signal?.addEventListener("abort", () => {
        const index = this.queuedScenarios.indexOf(entry);
        if (index >= 0) this.queuedScenarios.splice(index, 1);
        reject(signal.reason);
      });
    });
  }

  /** How many queued scenarios no session has taken yet. */
  get queuedScenarioCount(): number {
    return this.queuedScenarios.length;
  }

  /**
   * `POST /scenario-queue` with `{"scenario": {…}}`: answers once a new session has taken it (504
   * after 20 s). A client that gives up (closes the request) withdraws it.
   */
  private onQueueRequest(
    req: IncomingMessage,
    res: ServerResponse,
    reply: (status: number, body: unknown) => void,
  ): void {
    const gaveUp = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) gaveUp.abort();
    });
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      let scenario: Scenario;
      try {
        scenario = scenarioSchema.parse((JSON.parse(body) as { scenario?: unknown }).scenario);
      } catch (error) {
        return reply(400, { error: { message: error instanceof Error ? error.message : String(error) } });
      }
      this.queueScenario(scenario, AbortSignal.any([gaveUp.signal, AbortSignal.timeout(20_000)])).then(
        () => reply(200, { scenario: scenario.name }),
        () => reply(504, { error: { message: "No session took the scenario within 20 s" } }),
      );
    });
  }

  /** Resolves with the n-th session (0-based) once a client has opened it. */
  async session(index = 0): Promise<SimulatorSession> {
    for (;;) {
      const session = this.sessions[index];
      if (session) return session;
      await new Promise<void>((resolve) => this.sessionWaiters.push(resolve));
    }
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    for (const session of this.sessions) session.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * A session on any transport with this simulator's script, pacing and faults; `session`: the
   * config it starts with (a client secret's), default GA's defaults for the model.
   */
  newSession(socket: SessionSocket, model: string, session?: RealtimeSessionCreateRequest): SimulatorSession {
    const queued = this.queuedScenarios.shift();
    queued?.taken();
    return new SimulatorSession(socket, {
      ...this.options,
      // Each session its own sequence, the same on every run with this seed.
      seed: this.options.seed * 1_000_003 + this.sessionsStarted++,
      model,
      session,
      scenario: queued?.scenario ?? this.scenario,
      faults: this.faults,
      stats: this.stats,
    });
  }

  /** Records an accepted session in `sessions` and wakes whoever awaits it. */
  adopt(session: SimulatorSession): void {
    this.sessions.push(session);
    for (const wake of this.sessionWaiters.splice(0)) wake();
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // A client that resets its connection mid-handshake must not take the simulator down.
    socket.on("error", () => socket.destroy());
    const url = new URL(req.url ?? "/", "http://sim");
    const refuse = (status: number, message: string) => {
      this.refusedConnections++;
      const body = JSON.stringify({ error: { message, type: "invalid_request_error" } });
      socket.end(
        `HTTP/1.1 ${status} ${status === 401 ? "Unauthorized" : "Refused"}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    };
    if (url.pathname !== "/v1/realtime") return refuse(404, `No route for ${url.pathname}`);
    if (!/^Bearer \S+$/.test(req.headers.authorization ?? "")) {
      return refuse(
        401,
        "You didn't provide an API key. Provide it in the Authorization header (Bearer auth).",
      );
    }
    const refusal = this.faults.refuseConnections;
    if (refusal && refusal.remaining > 0) {
      refusal.remaining--;
      return refuse(refusal.status, "The server is overloaded (simulated).");
    }
    const model = url.searchParams.get("model");
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      // A frame over maxPayload (1009) or text that is not UTF-8 (1007): `ws` closes that client
      // with the right code and reports it here; unheard, the error would end the whole process.
      ws.on("error", () => {});
      const session = this.newSession(ws, model ?? "");
      const rejectWith = (code: string, message: string) => session.refuseAndClose(code, message, 1008);
      if (req.headers["openai-beta"]) {
        return rejectWith(
          "beta_api_shut_down",
          "The Realtime API beta (OpenAI-Beta: realtime=v1) has been shut down; use the GA interface.",
        );
      }
      if (!model?.startsWith("gpt-realtime")) {
        return rejectWith(
          "model_not_found",
          `The model '${model ?? ""}' does not exist or is not a Realtime model.`,
        );
      }
      const refusal = this.faults.refuseSession;
      if (refusal && refusal.remaining > 0) {
        refusal.remaining--;
        this.refusedConnections++;
        const { type, message, closeCode } = SESSION_REFUSALS[refusal.code];
        return session.refuseAndClose(refusal.code, message, closeCode, type);
      }
      this.adopt(session);
      ws.on("message", (data, isBinary) => session.receive(isBinary ? null : data.toString()));
      ws.on("close", () => session.close());
      const drop = this.faults.dropSocket;
      if (drop?.afterMs !== undefined) {
        this.faults.dropSocket = undefined;
        setTimeout(() => ws.terminate(), drop.afterMs).unref();
      }
      session.open();
    });
  }
}
