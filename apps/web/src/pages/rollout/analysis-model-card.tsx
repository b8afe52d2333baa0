import { ANALYSIS_MODELS, type AnalysisModel, isAnalysisModel } from "@koe/shared";
import { Card, Group, Select, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSession } from "../../auth/use-session.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";

/** Admins choose the text model of the company's post-call analyses (from the next analysis on). */
export function AnalysisModelCard({ analysisModel }: { analysisModel: string }) {
  const { t } = useTranslation("rollout");
  const { user } = useSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.rollout.setAnalysisModel.mutationOptions());
  if (user?.role !== "admin") return null;
  const apply = async (model: AnalysisModel) => {
    try {
      await save.mutateAsync({ analysisModel: model });
      await queryClient.invalidateQueries({ queryKey: trpc.rollout.get.queryKey() });
      notifications.show({ color: "teal", message: t("analysisModel.done", { model }) });
    } catch (error) {
      notifications.show({ color: "red", message: errorMessage(error) });
    }
  };
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={5}>{t("analysisModel.title")}</Title>
      <Text size="sm" c="dimmed" mt={4}>
        {t("analysisModel.description")}
      </Text>
      <Group mt="sm">
        <Select
          label={t("analysisModel.label")}
          w={220}
          data={[...ANALYSIS_MODELS]}
          value={analysisModel}
          allowDeselect={false}
          disabled={save.isPending}
          onChange={(v) => v && isAnalysisModel(v) && v !== analysisModel && void apply(v)}
        />
      </Group>
    </Card>
  );
}
