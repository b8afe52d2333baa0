import type { AppRouter } from "@koe/api";
import { createTRPCClient, httpSubscriptionLink } from "@trpc/client";
import { EventSource } from "eventsource";

/** What this test reads of `live.activeCalls`' messages (apps/api/src/routers/live/active-call-changes.ts). */
type ActiveCallsMessage =
  | { kind: "snapshot"; calls: { id: string }[] }
  | { kind: "started" | "updated" | "ended"; call: { id: string; status: string } };

function client(apiUrl: string, cookie: string) {
  return createTRPCClient<AppRouter>({
    links: [
      // The web app's subscription link (apps/web/src/trpc.ts), over EventSource with the session cookie.
      httpSubscriptionLink({
        url: `${apiUrl}/trpc`,
        EventSource,
        eventSourceOptions: () => ({
          fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, cookie } }),
        }),
      }),
    ],
  });
}

export type LiveSubscriber = {
  /** Every message received, in order. */
  messages: ActiveCallsMessage[];
  /** Resolves once the first message (the snapshot) has arrived. */
  ready: Promise<void>;
  /** The ids of the calls this subscriber saw start (or in a snapshot) and end. */
  started(): Set<string>;
  ended(): Set<string>;
  /** The subscription's error, if it failed. */
  error(): unknown;
  close(): void;
};

/** `live.activeCalls` as /monitor subscribes to it, on one api process. */
export function subscribeActiveCalls(apiUrl: string, cookie: string): LiveSubscriber {
  const messages: ActiveCallsMessage[] = [];
  let failure: unknown = null;
  let onFirst: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    onFirst = resolve;
  });
  const subscription = client(apiUrl, cookie).live.activeCalls.subscribe(
    {},
    {
      onData: ({ data }) => {
        messages.push(data);
        onFirst();
      },
      onError: (cause) => {
        failure = cause;
      },
    },
  );
  const ids = (kinds: string[]) =>
    new Set(
      messages.flatMap((m) =>
        m.kind === "snapshot"
          ? kinds.includes("snapshot")
            ? m.calls.map((c) => c.id)
            : []
          : kinds.includes(m.kind)
            ? [m.call.id]
            : [],
      ),
    );
  return {
    messages,
    ready,
    started: () => ids(["snapshot", "started", "updated"]),
    ended: () => ids(["ended"]),
    error: () => failure,
    close: () => subscription.unsubscribe(),
  };
}

/** `live.callEvents` of one call, as /calls/:id follows a call in progress; counts what arrives. */
export function subscribeCallEvents(
  apiUrl: string,
  cookie: string,
  callId: string,
): { ready: Promise<void>; received(): number; close(): void } {
  let received = 0;
  let onFirst: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    onFirst = resolve;
  });
  const subscription = client(apiUrl, cookie).live.callEvents.subscribe(
    { callId },
    {
      onStarted: () => onFirst(),
      onData: () => {
        received++;
      },
    },
  );
  return { ready, received: () => received, close: () => subscription.unsubscribe() };
}
