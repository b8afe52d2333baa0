import { alertsRouter } from "./routers/alerts/index.ts";
import { callsRouter } from "./routers/calls/index.ts";
import { evalsRouter } from "./routers/evals/index.ts";
import { healthRouter } from "./routers/health.ts";
import { liveRouter } from "./routers/live/index.ts";
import { metricsRouter } from "./routers/metrics/index.ts";
import { overviewRouter } from "./routers/overview/index.ts";
import { rolloutRouter } from "./routers/rollout/index.ts";
import { salesPitchRouter } from "./routers/sales-pitch/index.ts";
import { sessionRouter } from "./routers/session.ts";
import { transcriptsRouter } from "./routers/transcripts/index.ts";
import { createTRPCRouter } from "./trpc.ts";

export const appRouter = createTRPCRouter({
  health: healthRouter,
  session: sessionRouter,
  salesPitch: salesPitchRouter,
  rollout: rolloutRouter,
  calls: callsRouter,
  metrics: metricsRouter,
  live: liveRouter,
  alerts: alertsRouter,
  overview: overviewRouter,
  transcripts: transcriptsRouter,
  evals: evalsRouter,
});

export type AppRouter = typeof appRouter;
