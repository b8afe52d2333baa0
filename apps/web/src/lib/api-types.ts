import type { AppRouter } from "@koe/api";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

/** Inputs and outputs of the api's procedures, inferred from its router (never redeclared). */
export type ApiInputs = inferRouterInputs<AppRouter>;
export type ApiOutputs = inferRouterOutputs<AppRouter>;

export type SessionMe = NonNullable<ApiOutputs["session"]["me"]>;
export type AgentView = ApiOutputs["salesPitch"]["byId"];
export type EngineStatus = AgentView["engine"];
export type CallSummary = ApiOutputs["calls"]["list"]["calls"][number];
export type CallDetail = ApiOutputs["calls"]["byId"];
export type CallEventView = CallDetail["events"][number];
export type HistoryFilter = ApiInputs["calls"]["list"];
export type MetricsSummary = ApiOutputs["metrics"]["summary"];
export type RolloutState = ApiOutputs["rollout"]["get"];

type Yielded<T> = T extends AsyncIterable<infer U> ? U : never;
/** One message of the live subscriptions: `{ id, data }` (the tracked event id and the payload). */
export type ActiveCallsMessage = Yielded<ApiOutputs["live"]["activeCalls"]>["data"];
export type LiveCallEvent = Yielded<ApiOutputs["live"]["callEvents"]>["data"];
