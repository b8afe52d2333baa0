import { Alert, Loader, Select, Stack, Tabs } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { PageHeader } from "../../layout/page-header.tsx";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";
import { RunList } from "./run-list.tsx";
import { ScenarioList } from "./scenario-list.tsx";

/** /evals: one agent's test scenarios and evaluation runs. */
export function EvalsPage() {
  const { t } = useTranslation("evals");
  const trpc = useTRPC();
  const [searchParams, setSearchParams] = useSearchParams();
  const agents = useQuery(trpc.salesPitch.list.queryOptions());
  const agentId = searchParams.get("agent") ?? agents.data?.[0]?.id ?? null;
  const tab = searchParams.get("tab") ?? "scenarios";
  const select = (next: { agent?: string; tab?: string }) =>
    setSearchParams({ agent: next.agent ?? agentId ?? "", tab: next.tab ?? tab });

  return (
    <Stack gap={0}>
      <PageHeader title={t("title")} description={t("description")} />
      {agents.isPending && <Loader />}
      {agents.isError && <Alert color="red">{errorMessage(agents.error)}</Alert>}
      {agents.data && agents.data.length > 0 && (
        <Select
          mb="lg"
          label={t("agent")}
          w={320}
          data={agents.data.map((a) => ({ value: a.id, label: a.name }))}
          value={agentId}
          allowDeselect={false}
          onChange={(id) => id && select({ agent: id })}
        />
      )}
      {agentId && (
        <Tabs value={tab} onChange={(value) => value && select({ tab: value })} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="scenarios">{t("tabs.scenarios")}</Tabs.Tab>
            <Tabs.Tab value="runs">{t("tabs.runs")}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="scenarios">
            <ScenarioList agentId={agentId} />
          </Tabs.Panel>
          <Tabs.Panel value="runs">
            <RunList agentId={agentId} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
