import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { TalliedCounter } from "./tallied-counter.ts";

/**
 * The bridge's Prometheus metrics (one registry per process). `journalPending` reads the call
 * journal's backlog when scraped.
 */
export function createBridgeMetrics(sources: { journalPending?: () => number } = {}) {
  const registry = new Registry();
  registry.setDefaultLabels({ app: "koe-bridge" });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    activeCalls: new Gauge({
      name: "koe_active_calls",
      help: "Calls with a live media stream in this process",
      registers,
    }),
    journalPending: new Gauge({
      name: "koe_journal_pending",
      help: "Call events and call-row changes waiting to be written to the database",
      registers,
      collect() {
        this.set(sources.journalPending?.() ?? 0);
      },
    }),
    framesIn: new TalliedCounter({
      name: "koe_frames_in_total",
      help: "Twilio media frames forwarded to the realtime provider",
      registers,
    }),
    framesOut: new TalliedCounter({
      name: "koe_frames_out_total",
      help: "Assistant audio deltas forwarded to Twilio",
      registers,
    }),
    framesDropped: new Counter({
      name: "koe_frames_dropped_total",
      help: "Audio frames dropped (queue overflow before the provider was ready)",
      labelNames: ["direction"],
      registers,
    }),
    framesDiscarded: new Counter({
      name: "koe_frames_discarded_total",
      help: "Assistant audio not forwarded on purpose: late audio of an item the caller interrupted, or audio that arrived after the call ended",
      labelNames: ["reason"] as const,
      registers,
    }),
    turnLatency: new Histogram({
      name: "koe_turn_latency_seconds",
      help: "First assistant audio forwarded minus speech_stopped, per turn",
      buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.5, 2, 3, 5],
      registers,
    }),
    bargeInReaction: new Histogram({
      name: "koe_barge_in_reaction_seconds",
      help: "speech_started received to Twilio clear sent",
      buckets: [0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05],
      registers,
    }),
    reconnects: new Counter({
      name: "koe_realtime_reconnects_total",
      help: "Reconnections to the realtime provider",
      registers,
    }),
    realtimeEventsSkipped: new Counter({
      name: "koe_realtime_events_skipped_total",
      help: "OpenAI frames skipped at the transport: not JSON, without a type, of an unknown type, or missing a field Koe reads (type: a handled event type, or unknown)",
      labelNames: ["type", "reason"] as const,
      registers,
    }),
    callsEnded: new Counter({
      name: "koe_calls_ended_total",
      help: "Realtime calls ended, by end reason",
      labelNames: ["reason"] as const,
      registers,
    }),
    twilioFramesRejected: new Counter({
      name: "koe_twilio_frames_rejected_total",
      help: "Media-stream frames from Twilio that were not used: not JSON, binary, malformed, unknown, out of order",
      labelNames: ["reason"] as const,
      registers,
    }),
    mediaStreamsRefused: new Counter({
      name: "koe_media_streams_refused_total",
      help: "Media streams closed before or instead of carrying a call (bad or reused token, no start in time, too many waiting, protocol violation)",
      labelNames: ["reason"] as const,
      registers,
    }),
    journalEventsRefused: new Counter({
      name: "koe_journal_events_refused_total",
      help: "Call events the database refused as invalid (SQLSTATE class 22/23) and the journal dropped",
      registers,
    }),
    journalRowFieldsRefused: new Counter({
      name: "koe_journal_row_fields_refused_total",
      help: "Fields of call row changes the database refused as invalid (SQLSTATE class 22/23) and the journal dropped",
      registers,
    }),
    errors: new Counter({
      name: "koe_errors_total",
      help: "Errors by source",
      labelNames: ["source"],
      registers,
    }),
  };
}

export type BridgeMetrics = ReturnType<typeof createBridgeMetrics>;
