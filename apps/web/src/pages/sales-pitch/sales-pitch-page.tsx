import { Alert, Group, Loader, Select, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useSession } from "../../auth/use-session.ts";
import { PageHeader } from "../../layout/page-header.tsx";
import { errorMessage } from "../../lib/error-message.ts";
import { formatPhoneNumber } from "../../lib/phone-number.ts";
import { useTRPC } from "../../trpc.ts";
import { AgentSettingsEditor } from "./agent-settings-editor.tsx";
import { EngineBadge } from "./engine-badge.tsx";

/** /settings/sales-pitch: one agent's legacy settings beside its Realtime API settings. */
export function SalesPitchPage() {
  const { t } = useTranslation("salesPitch");
  const trpc = useTRPC();
  const { user } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const agents = useQuery(trpc.salesPitch.list.queryOptions());
  const agentId = searchParams.get("agent") ?? agents.data?.[0]?.id ?? null;
  const agent = agents.data?.find((a) => a.id === agentId) ?? null;
  const [restores, setRestores] = useState(0);

  return (
    <Stack gap={0}>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={agent && <EngineBadge engine={agent.engine} />}
      />
      {agents.isPending && <Loader />}
      {agents.isError && <Alert color="red">{errorMessage(agents.error)}</Alert>}
      {agents.data?.length === 0 && <Alert color="gray">{t("noAgents")}</Alert>}
      {agents.data && agents.data.length > 0 && (
        <Group mb="lg" align="flex-end">
          <Select
            label={t("agent")}
            w={320}
            data={agents.data.map((a) => ({ value: a.id, label: a.name }))}
            value={agentId}
            allowDeselect={false}
            onChange={(id) => id && setSearchParams({ agent: id })}
          />
          {agent && (
            <Text size="sm" c="dimmed" pb={8}>
              {t("phoneNumbers", {
                numbers:
                  agent.phoneNumbers.map((p) => formatPhoneNumber(p.e164)).join(t("phoneNumberSeparator")) ||
                  t("unassigned"),
              })}
            </Text>
          )}
        </Group>
      )}
      {agents.data && agentId && !agent && <Alert color="orange">{t("agentNotFound")}</Alert>}
      {agent && (
        <AgentSettingsEditor
          // A restore starts the forms again from the restored settings (a save keeps them as they are).
          key={`${agent.id}-${restores}`}
          agent={agent}
          companyName={user?.company?.name ?? ""}
          isAdmin={user?.role === "admin"}
          onRestored={() => setRestores((count) => count + 1)}
        />
      )}
    </Stack>
  );
}
