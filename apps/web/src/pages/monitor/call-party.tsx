import { Badge, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CallSummary } from "../../lib/api-types.ts";
import { useLabels } from "../../lib/labels.ts";
import { formatPhoneNumber } from "../../lib/phone-number.ts";

/** The other end of a call: the caller of an inbound call, the person called on an outbound one. */
export function otherParty(call: Pick<CallSummary, "direction" | "fromNumber" | "toNumber">): string {
  return formatPhoneNumber(call.direction === "inbound" ? call.fromNumber : call.toNumber);
}

/** Who a live call is with, so that simultaneous calls can be told apart: number, name, direction, agent. */
export function CallParty({ call }: { call: CallSummary }) {
  const { t } = useTranslation(["monitor", "common"]);
  const labels = useLabels();
  return (
    <div>
      <Group gap={6} wrap="nowrap">
        <Badge size="xs" variant="outline" color={call.direction === "inbound" ? "indigo" : "grape"}>
          {labels.direction(call.direction)}
        </Badge>
        <Text fw={600} size="sm" data-testid="call-party-number">
          {otherParty(call)}
        </Text>
      </Group>
      <Text size="xs" data-testid="call-party-name">
        {call.customer?.name ? t("list.customer", { name: call.customer.name }) : t("list.unknownCustomer")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("list.agent", { agent: call.agent?.name ?? t("common:unknownAgent") })}
      </Text>
    </div>
  );
}
