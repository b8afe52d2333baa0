import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery } from "@tanstack/react-query";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiOutputs } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { formatPhoneNumber } from "../../lib/phone-number.ts";
import { useTRPC } from "../../trpc.ts";

type PlaceResult = ApiOutputs["calls"]["place"];
type Refusal = Extract<PlaceResult, { placed: false }>;

/** A number as typed (090-3333-4444, +81 90…) in E.164, or null when it is no phone number. */
function toE164(typed: string): string | null {
  const parsed = parsePhoneNumberFromString(typed, "JP");
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * 「発信」: an outbound call to a customer or a typed number, from the chosen agent's number. What
 * the company's settings refuse (calling hours, all lines busy) is said in words; a placed call
 * appears on the monitor by itself.
 */
export function PlaceCallDialog() {
  const { t } = useTranslation("monitor");
  const trpc = useTRPC();
  const [opened, setOpened] = useState(false);
  const [mode, setMode] = useState<"customer" | "number">("customer");
  const [customerNumber, setCustomerNumber] = useState<string | null>(null);
  const [typed, setTyped] = useState("");
  const [agentId, setAgentId] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const customers = useQuery({ ...trpc.calls.customers.queryOptions(), enabled: opened });
  const agents = useQuery({ ...trpc.salesPitch.list.queryOptions(), enabled: opened });
  const place = useMutation(trpc.calls.place.mutationOptions());
  const to = mode === "customer" ? customerNumber : toE164(typed);
  const chosenAgent = agentId ?? agents.data?.[0]?.id ?? null;

  const submit = async () => {
    if (!to || !chosenAgent) return;
    setRefusal(null);
    try {
      const result = await place.mutateAsync({ agentId: chosenAgent, to });
      if (!result.placed) return setRefusal(refusalText(result));
      notifications.show({
        color: "teal",
        title: t("place.placed", { to: formatPhoneNumber(to) }),
        message: "",
      });
      setOpened(false);
    } catch (error) {
      setRefusal(errorMessage(error));
    }
  };

  const refusalText = (r: Refusal): string => {
    switch (r.reason) {
      case "outside_calling_hours":
        return r.today
          ? t("place.refusal.outsideHours", { now: r.localTime, open: r.today.open, close: r.today.close })
          : t("place.refusal.noHoursToday", { now: r.localTime });
      case "lines_busy":
        return t("place.refusal.linesBusy", { lines: r.lines });
      case "no_phone_number":
        return t("place.refusal.noPhoneNumber");
      case "twilio_not_configured":
        return t("place.refusal.twilioNotConfigured");
    }
  };

  return (
    <>
      <Button variant="light" onClick={() => setOpened(true)}>
        {t("place.button")}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t("place.title")}>
        <Stack>
          <SegmentedControl
            value={mode}
            onChange={(value) => setMode(value === "number" ? "number" : "customer")}
            data={[
              { value: "customer", label: t("place.fromCustomer") },
              { value: "number", label: t("place.fromNumber") },
            ]}
          />
          {mode === "customer" ? (
            <Select
              label={t("place.customer")}
              searchable
              data={(customers.data ?? []).map((c) => ({
                value: c.phoneNumber,
                label: `${c.name}(${formatPhoneNumber(c.phoneNumber)})`,
              }))}
              value={customerNumber}
              onChange={setCustomerNumber}
            />
          ) : (
            <TextInput
              label={t("place.number")}
              placeholder="090-1234-5678"
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              error={typed && !to ? t("place.invalidNumber") : null}
            />
          )}
          <Select
            label={t("place.agent")}
            data={(agents.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            value={chosenAgent}
            onChange={setAgentId}
            allowDeselect={false}
          />
          {refusal && (
            <Alert color="orange" title={t("place.refusedTitle")}>
              {refusal}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button onClick={() => void submit()} loading={place.isPending} disabled={!to || !chosenAgent}>
              {t("place.submit")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
