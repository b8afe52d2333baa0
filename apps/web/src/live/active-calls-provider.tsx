import { notifications } from "@mantine/notifications";
import { useSubscription } from "@trpc/tanstack-react-query";
import { createContext, type ReactNode, useContext, useRef, useState } from "react";
import { i18n } from "../i18n/i18n.ts";
import type { CallSummary } from "../lib/api-types.ts";
import { useTRPC } from "../trpc.ts";
import { applyActiveCallsMessage, isNewAiHandoff } from "./active-calls-state.ts";
import { playHandoffChime } from "./notification-sound.ts";

type ActiveCalls = { calls: CallSummary[]; connected: boolean };

const ActiveCallsContext = createContext<ActiveCalls>({ calls: [], connected: false });

/**
 * One `live.activeCalls` subscription for the whole signed-in app: the monitor lists its calls,
 * and operators hear and see a handoff the AI asks for on whichever page they are.
 */
export function ActiveCallsProvider({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const [calls, setCalls] = useState<CallSummary[]>([]);
  const callsRef = useRef(calls);
  const subscription = useSubscription(
    trpc.live.activeCalls.subscriptionOptions(
      {},
      {
        onData: ({ data }) => {
          if (isNewAiHandoff(callsRef.current, data) && data.kind !== "snapshot") {
            notifyHandoff(data.call);
          }
          callsRef.current = applyActiveCallsMessage(callsRef.current, data);
          setCalls(callsRef.current);
        },
      },
    ),
  );
  return (
    <ActiveCallsContext.Provider value={{ calls, connected: subscription.status === "pending" }}>
      {children}
    </ActiveCallsContext.Provider>
  );
}

export function useActiveCalls(): ActiveCalls {
  return useContext(ActiveCallsContext);
}

/** Shown from the subscription's callback, in the language chosen at that moment. */
function notifyHandoff(call: CallSummary) {
  playHandoffChime();
  notifications.show({
    id: `handoff-${call.id}`,
    color: "orange",
    title: i18n.t("monitor:handoffAlert.title"),
    message: i18n.t("monitor:handoffAlert.message", {
      from: call.fromNumber,
      agent: call.agent?.name ?? i18n.t("unknownAgent"),
    }),
    autoClose: false,
  });
}
