import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import type { LiveCallEvent } from "../../lib/api-types.ts";
import { useTRPC } from "../../trpc.ts";

/** One call's events as they happen (from its first), resumed by event id after a reconnect. */
export function useCallEvents(callId: string) {
  const trpc = useTRPC();
  const [events, setEvents] = useState<LiveCallEvent[]>([]);
  const subscription = useSubscription(
    trpc.live.callEvents.subscriptionOptions(
      { callId },
      { onData: ({ data }) => setEvents((previous) => [...previous, data]) },
    ),
  );
  return { events, status: subscription.status };
}
