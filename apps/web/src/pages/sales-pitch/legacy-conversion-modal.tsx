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
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title="既存設定からシステムプロンプトを生成"
      size="80rem"
    >
      <Stack>
        <Text size="sm" c="dimmed">
          保存済みの従来の会話設定(挨拶・キーワード・転送条件・話し方)から、Realtime API
          用のシステムプロンプトを作りました。
          採用すると編集中のプロンプトを置き換えます(保存するまで反映されません)。
        </Text>
        {props.legacyDirty && (
          <Alert color="yellow" variant="light">
            従来の会話設定またはキーワードテンプレートに未保存の変更があります。生成には保存済みの内容が使われます。
          </Alert>
        )}
        {conversion.isPending && <Loader mx="auto" />}
        {conversion.isError && (
          <Alert color="red" title="生成できませんでした">
            {errorMessage(conversion.error)}
          </Alert>
        )}
        {conversion.data && (
          <Tabs defaultValue="diff">
            <Tabs.List>
              <Tabs.Tab value="diff">差分</Tabs.Tab>
              <Tabs.Tab value="side">変更前 / 変更後</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="diff" pt="sm">
              <LineDiffView before={before} after={after} />
            </Tabs.Panel>
            <Tabs.Panel value="side" pt="sm">
              <SimpleGrid cols={2}>
                <PromptColumn title="変更前(編集中のプロンプト)" text={before} />
                <PromptColumn title="変更後(生成されたプロンプト)" text={after} />
              </SimpleGrid>
            </Tabs.Panel>
          </Tabs>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            破棄
          </Button>
          <Button disabled={!conversion.data} onClick={() => props.onAccept(after)}>
            この内容を採用
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PromptColumn({ title, text }: { title: string; text: string }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <Paper withBorder p="sm" bg="gray.0">
        <ScrollArea.Autosize mah={420}>
          <Text size="xs" style={{ whiteSpace: "pre-wrap" }}>
            {text || "(空)"}
          </Text>
        </ScrollArea.Autosize>
      </Paper>
    </Stack>
  );
}
