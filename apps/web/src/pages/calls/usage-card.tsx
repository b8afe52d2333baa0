import { TOKEN_COUNT_KINDS } from "@koe/shared";
import { Card, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/use-format.ts";
import { useMoney } from "../../i18n/use-money.ts";
import type { CallDetail } from "../../lib/api-types.ts";

export function UsageCard({ usage }: { usage: CallDetail["usage"] }) {
  const { t } = useTranslation("calls");
  const format = useFormat();
  const money = useMoney();
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={5} mb="xs">
        {t("usage.title")}
      </Title>
      <Text size="xl" fw={700}>
        {money(usage.costUsd)}
      </Text>
      <Table fz="sm" mt="xs">
        <Table.Tbody>
          {TOKEN_COUNT_KINDS.map((key) => (
            <Table.Tr key={key}>
              <Table.Td>{t(`usage.${key}`)}</Table.Td>
              <Table.Td ta="right">{t("usage.tokens", { tokens: format.count(usage[key]) })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
