import { Alert, Badge, Button, Loader, Modal, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/use-format.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";
import { VersionComparison } from "./version-comparison.tsx";

/**
 * 「バージョン履歴」: every saved version of the agent, newest first; any earlier one compared with
 * the current settings and, after a confirmation, restored.
 */
export function VersionHistoryModal(props: {
  agentId: string;
  opened: boolean;
  /** The editor has unsaved changes, which a restore discards. */
  dirty: boolean;
  isAdmin: boolean;
  onClose: () => void;
  /** After a restore, once the agent's settings have been read again. */
  onRestored: () => void;
}) {
  const { t } = useTranslation("salesPitch");
  const format = useFormat();
  const trpc = useTRPC();
  const versions = useQuery(
    trpc.salesPitch.versions.queryOptions(
      { agentId: props.agentId },
      { enabled: props.opened, staleTime: 0 },
    ),
  );
  const [selected, setSelected] = useState<number | null>(null);
  const current = versions.data?.find((v) => v.current) ?? null;
  const latest = versions.data?.[0]?.version ?? 0;
  const close = () => {
    setSelected(null);
    props.onClose();
  };

  return (
    <Modal opened={props.opened} onClose={close} title={t("versions.title")} size="80rem">
      <Stack>
        <Text size="sm" c="dimmed">
          {t("versions.body")}
        </Text>
        {versions.isPending && <Loader mx="auto" />}
        {versions.isError && (
          <Alert color="red" title={t("versions.loadFailed")}>
            {errorMessage(versions.error)}
          </Alert>
        )}
        {versions.data && (
          <Table striped fz="sm" data-testid="version-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("versions.version")}</Table.Th>
                <Table.Th>{t("versions.savedAt")}</Table.Th>
                <Table.Th>{t("versions.savedBy")}</Table.Th>
                <Table.Th>{t("versions.note")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.data.map((version) => (
                <Table.Tr key={version.version} bg={version.version === selected ? "blue.0" : undefined}>
                  <Table.Td>
                    <Text size="sm" fw={600} span>
                      v{version.version}
                    </Text>
                    {version.current && (
                      <Badge ml="xs" size="sm" color="teal">
                        {t("versions.current")}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{format.dateTime(version.createdAt)}</Table.Td>
                  <Table.Td>{version.createdBy ?? t("versions.system")}</Table.Td>
                  <Table.Td>
                    {version.note ?? "—"}
                    {version.restoredFromVersion !== null && (
                      <Badge ml="xs" size="sm" variant="light" color="gray">
                        {t("versions.restoredFrom", { version: version.restoredFromVersion })}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {!version.current && (
                      <Button
                        size="compact-sm"
                        variant={version.version === selected ? "filled" : "default"}
                        aria-label={`v${version.version} ${t("versions.compare")}`}
                        onClick={() => setSelected(version.version)}
                      >
                        {t("versions.compare")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {selected !== null && current && (
          <VersionComparison
            key={selected}
            agentId={props.agentId}
            version={selected}
            current={current.version}
            nextVersion={latest + 1}
            dirty={props.dirty}
            canRestore={props.isAdmin}
            onRestored={() => {
              close();
              props.onRestored();
            }}
          />
        )}
      </Stack>
    </Modal>
  );
}
