import { Anchor, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useSubscription } from "@trpc/tanstack-react-query";
import { createContext, type ReactNode, useContext, useRef, useState } from "react";
import { type NavigateFunction, useNavigate } from "react-router";
import { i18n } from "../i18n/i18n.ts";
import type { CallSummary } from "../lib/api-types.ts";
import { formatPhoneNumber } from "../lib/phone-number.ts";
import { useTRPC } from "../trpc.ts";
import { applyActiveCallsMessage, isNewAiHandoff } from "./active-calls-state.ts";
import { playHandoffChime } from "./notification-sound.ts";

/** The live feed's real state, as the monitor's badge shows it. */
export type LiveConnection = {
  state: "connecting" | "connected" | "reconnecting" | "disconnected";
  /** When the feed last delivered something or (re)connected, ms since the epoch. */
  lastUpdateAt: number | null;
};

type ActiveCalls = { calls: CallSummary[]; connection: LiveConnection };

const ActiveCallsContext = createContext<ActiveCalls>({
  calls: [],
  connection: { state: "connecting", lastUpdateAt: null },
});

/**
 * One `live.activeCalls` subscription for the whole signed-in app: the monitor lists its calls,
 * and operators hear and see a handoff the AI asks for on whichever page they are.
 */
export function ActiveCallsProvider({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [calls, setCalls] = useState<CallSummary[]>([]);
  const callsRef = useRef(calls);
  const announcedHandoffs = useRef(new Set<string>());
  const [lastUpdateAt, setLastUpdateAt] = useState<number | null>(null);
  const everConnected = useRef(false);
  const subscription = useSubscription(
    trpc.live.activeCalls.subscriptionOptions(
      {},
      {
        // Each (re)connection resumes from the last event id, so the list catches up without a reload.
        onConnectionStateChange: (connection) => {
          if (connection.state !== "pending") return;
          everConnected.current = true;
          setLastUpdateAt(Date.now());
        },
        onData: ({ data }) => {
          setLastUpdateAt(Date.now());
          if (isNewAiHandoff(callsRef.current, data, announcedHandoffs.current) && data.kind !== "snapshot") {
            announcedHandoffs.current.add(data.call.id);
            notifyHandoff(data.call, navigate);
          }
          callsRef.current = applyActiveCallsMessage(callsRef.current, data);
          setCalls(callsRef.current);
        },
      },
    ),
  );
  const state: LiveConnection["state"] =
    subscription.status === "pending"
      ? "connected"
      : subscription.status === "error"
        ? "disconnected"
        : everConnected.current
          ? "reconnecting"
          : "connecting";
  return (
    <ActiveCallsContext.Provider value={{ calls, connection: { state, lastUpdateAt } }}>
      {children}
    </ActiveCallsContext.Provider>
  );
}

export function useActiveCalls(): ActiveCalls {
  return useContext(ActiveCallsContext);
}

/**
 * Shown from the subscription's callback, in the language chosen at that moment. By the time it
 * shows, the AI has already transferred the caller (and the call leaves the list), so it says what
 * happened, to whom and why, and links to the call's record rather than asking for action.
 */
function notifyHandoff(call: CallSummary, navigate: NavigateFunction) {
  playHandoffChime();
  const id = `handoff-${call.id}`;
  const caller = formatPhoneNumber(call.fromNumber);
  notifications.show({
    id,
    color: "orange",
    title: i18n.t("monitor:handoffAlert.title"),
    message: (
      <Stack gap={4}>
        <Text size="sm">
          {i18n.t("monitor:handoffAlert.message", {
            from: call.customer?.name
              ? i18n.t("monitor:handoffAlert.named", { caller, name: call.customer.name })
              : caller,
            agent: call.agent?.name ?? i18n.t("unknownAgent"),
          })}
        </Text>
        <Text size="sm">
          {i18n.t("monitor:handoffAlert.reason", {
            reason: call.handoffReason ?? i18n.t("monitor:handoffAlert.noReason"),
          })}
        </Text>
        <Anchor
          size="sm"
          href={`/calls/${call.id}`}
          onClick={(event) => {
            event.preventDefault();
            notifications.hide(id);
            void navigate(`/calls/${call.id}`);
          }}
        >
          {i18n.t("monitor:handoffAlert.details")}
        </Anchor>
      </Stack>
    ),
    autoClose: false,
  });
}
