import { Alert, Center, Grid, Loader, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../layout/page-header.tsx";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";
import { AnalysisModelCard } from "./analysis-model-card.tsx";
import { AuditHistory } from "./audit-history.tsx";
import { EngineMetrics } from "./engine-metrics.tsx";
import { EvalGateCard } from "./eval-gate-card.tsx";
import { AdminExchangeRateCard } from "./exchange-rate-card.tsx";
import { GuardrailCard } from "./guardrail-card.tsx";
import { KillSwitchCard } from "./kill-switch-card.tsx";
import { PercentageCard } from "./percentage-card.tsx";

/** /rollout: the kill switch, the realtime share with its audit log, and both engines' metrics. */
export function RolloutPage() {
  const { t } = useTranslation("rollout");
  const trpc = useTRPC();
  const rollout = useQuery(trpc.rollout.get.queryOptions());
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {rollout.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {rollout.isError && <Alert color="red">{errorMessage(rollout.error)}</Alert>}
      {rollout.data && (
        <Stack gap="lg">
          <Grid gap="lg">
            <Grid.Col span={8}>
              <PercentageCard key={rollout.data.realtimePercentage} rollout={rollout.data} />
            </Grid.Col>
            <Grid.Col span={4}>
              <KillSwitchCard realtimeEnabled={rollout.data.killSwitch.realtimeEnabled} />
            </Grid.Col>
          </Grid>
          <EvalGateCard />
          <GuardrailCard key={JSON.stringify(rollout.data.guardrail)} guardrail={rollout.data.guardrail} />
          <EngineMetrics />
          <AdminExchangeRateCard />
          <AnalysisModelCard analysisModel={rollout.data.analysisModel} />
          <AuditHistory changes={rollout.data.changes} />
        </Stack>
      )}
    </>
  );
}
