import { Alert, Badge, Button, Group, Loader, Paper, Stack, Tabs, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";
import { LineDiffView } from "./line-diff-view.tsx";
import { VERSION_SECTIONS, versionTexts } from "./version-text.ts";

/**
 * One earlier version against the current one, part by part, in the line diff 「既存設定から生成」
 * uses (removed: the earlier version's lines; added: the current ones), and its restore.
 */
export function VersionComparison(props: {
  agentId: string;
  version: number;
  current: number;
  /** The number the restored settings will be saved as. */
  nextVersion: number;
  dirty: boolean;
  canRestore: boolean;
  onRestored: () => void;
}) {
  const { t } = useTranslation("salesPitch");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const older = useQuery(
    trpc.salesPitch.version.queryOptions({ agentId: props.agentId, version: props.version }),
  );
  const current = useQuery(
    trpc.salesPitch.version.queryOptions({ agentId: props.agentId, version: props.current }),
  );
  const restore = useMutation(trpc.salesPitch.restoreVersion.mutationOptions());

  if (older.isError || current.isError) {
    return <Alert color="red">{errorMessage(older.error ?? current.error)}</Alert>;
  }
  if (!older.data || !current.data) return <Loader mx="auto" />;
  const before = versionTexts(older.data);
  const after = versionTexts(current.data);
  const changed = VERSION_SECTIONS.filter((section) => before[section] !== after[section]);

  const confirmRestore = async () => {
    try {
      const restored = await restore.mutateAsync({ agentId: props.agentId, version: props.version });
      await queryClient.invalidateQueries({ queryKey: trpc.salesPitch.pathKey() });
      notifications.show({
        color: "teal",
        title: t("versions.restoredTitle"),
        message: t("versions.restoredMessage", { version: props.version, next: restored.version }),
      });
      props.onRestored();
    } catch (error) {
      notifications.show({
        color: "red",
        title: t("versions.restoreFailedTitle"),
        message: errorMessage(error),
      });
    }
  };

  return (
    <Paper withBorder p="md" data-testid="version-comparison">
      <Stack>
        <Group justify="space-between">
          <Stack gap={2}>
            <Text fw={600}>
              {t("versions.comparing", { version: props.version, current: props.current })}
            </Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {t("versions.legend", { version: props.version, current: props.current })}
            </Text>
          </Stack>
          {props.canRestore && !confirming && (
            <Button color="orange" onClick={() => setConfirming(true)}>
              {t("versions.restore")}
            </Button>
          )}
        </Group>
        {confirming && (
          <Alert color="orange" title={t("versions.restoreTitle", { version: props.version })}>
            <Stack gap="sm">
              <Text size="sm">
                {t("versions.restoreBody", { version: props.version, next: props.nextVersion })}
                {props.dirty && ` ${t("versions.restoreDirty")}`}
              </Text>
              <Group>
                <Button color="orange" loading={restore.isPending} onClick={() => void confirmRestore()}>
                  {t("versions.restoreConfirm")}
                </Button>
                <Button variant="default" disabled={restore.isPending} onClick={() => setConfirming(false)}>
                  {t("versions.cancel")}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {changed.length === 0 && <Alert color="gray">{t("versions.noDifference")}</Alert>}
        <Tabs defaultValue={changed[0] ?? "prompt"}>
          <Tabs.List>
            {VERSION_SECTIONS.map((section) => (
              <Tabs.Tab
                key={section}
                value={section}
                rightSection={
                  changed.includes(section) ? (
                    <Badge size="xs" color="orange" variant="light">
                      {t("versions.changed")}
                    </Badge>
                  ) : null
                }
              >
                {t(`versions.sections.${section}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {VERSION_SECTIONS.map((section) => (
            <Tabs.Panel key={section} value={section} pt="sm">
              <LineDiffView before={before[section]} after={after[section]} />
            </Tabs.Panel>
          ))}
        </Tabs>
      </Stack>
    </Paper>
  );
}
