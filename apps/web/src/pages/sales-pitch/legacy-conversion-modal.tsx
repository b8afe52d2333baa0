import {
  Alert,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";
import { LineDiffView } from "./line-diff-view.tsx";

/**
 * 「既存設定から生成」: the prompt built from the saved legacy settings, beside the current one.
 * Accepting puts it in the editor (still to be saved); discarding changes nothing.
 */
export function LegacyConversionModal(props: {
  agentId: string;
  opened: boolean;
  currentPrompt: string;
  legacyDirty: boolean;
  onAccept: (prompt: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation("salesPitch");
  const trpc = useTRPC();
  const conversion = useQuery(
    trpc.salesPitch.convertLegacy.queryOptions(
      { agentId: props.agentId },
      { enabled: props.opened, staleTime: 0, gcTime: 0 },
    ),
  );
  const before = props.currentPrompt;
  const after = conversion.data?.after ?? "";
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t("conversion.title")} size="80rem">
      <Stack>
        <Text size="sm" c="dimmed">
          {t("conversion.body")}
        </Text>
        {props.legacyDirty && (
          <Alert color="yellow" variant="light">
            {t("conversion.legacyDirty")}
          </Alert>
        )}
        {conversion.isPending && <Loader mx="auto" />}
        {conversion.isError && (
          <Alert color="red" title={t("conversion.failedTitle")}>
            {errorMessage(conversion.error, { PRECONDITION_FAILED: t("conversion.unreadable") })}
          </Alert>
        )}
        {conversion.data && (
          <Tabs defaultValue="diff">
            <Tabs.List>
              <Tabs.Tab value="diff">{t("conversion.diff")}</Tabs.Tab>
              <Tabs.Tab value="side">{t("conversion.sideBySide")}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="diff" pt="sm">
              <LineDiffView before={before} after={after} />
            </Tabs.Panel>
            <Tabs.Panel value="side" pt="sm">
              <SimpleGrid cols={2}>
                <PromptColumn title={t("conversion.before")} text={before} />
                <PromptColumn title={t("conversion.after")} text={after} />
              </SimpleGrid>
            </Tabs.Panel>
          </Tabs>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("conversion.discard")}
          </Button>
          <Button disabled={!conversion.data} onClick={() => props.onAccept(after)}>
            {t("conversion.accept")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PromptColumn({ title, text }: { title: string; text: string }) {
  const { t } = useTranslation("salesPitch");
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <Paper withBorder p="sm" bg="gray.0">
        <ScrollArea.Autosize mah={420}>
          <Text size="xs" style={{ whiteSpace: "pre-wrap" }}>
            {text || t("conversion.empty")}
          </Text>
        </ScrollArea.Autosize>
      </Paper>
    </Stack>
  );
}
