import { Button, Card, Group, NumberInput, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../auth/use-session.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";

/** The same bounds as the api's: a rate outside them is a slip of the finger. */
const MIN_RATE = 50;
const MAX_RATE = 500;

/** Admins set the yen per dollar that every cost in the app is shown at (costs are billed in USD). */
export function ExchangeRateCard({ usdJpyRate }: { usdJpyRate: number }) {
  const { t } = useTranslation("rollout");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [rate, setRate] = useState<number | string>(usdJpyRate);
  const save = useMutation(trpc.rollout.setExchangeRate.mutationOptions());
  const value = typeof rate === "number" ? rate : Number.NaN;
  const invalid = !(value >= MIN_RATE && value <= MAX_RATE);

  const apply = async () => {
    try {
      const result = await save.mutateAsync({ usdJpyRate: value });
      await queryClient.invalidateQueries({ queryKey: trpc.session.pathKey() });
      notifications.show({
        color: "teal",
        title: t("exchangeRate.doneTitle"),
        message: t("exchangeRate.doneMessage", { rate: result.usdJpyRate }),
      });
    } catch (error) {
      notifications.show({
        color: "red",
        title: t("exchangeRate.failedTitle"),
        message: errorMessage(error),
      });
    }
  };

  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={5}>{t("exchangeRate.title")}</Title>
      <Text size="sm" c="dimmed" mt={4}>
        {t("exchangeRate.description")}
      </Text>
      <Group align="flex-end" mt="sm">
        <NumberInput
          label={t("exchangeRate.label")}
          value={rate}
          onChange={setRate}
          min={MIN_RATE}
          max={MAX_RATE}
          decimalScale={2}
          prefix="¥"
          error={invalid ? t("exchangeRate.invalid", { min: MIN_RATE, max: MAX_RATE }) : null}
          w={220}
        />
        <Button onClick={apply} loading={save.isPending} disabled={invalid || value === usdJpyRate}>
          {t("exchangeRate.save")}
        </Button>
      </Group>
    </Card>
  );
}

/** The card for admins; operators see costs at the rate without changing it. */
export function AdminExchangeRateCard() {
  const { user } = useSession();
  if (user?.role !== "admin" || !user.company) return null;
  return <ExchangeRateCard key={user.company.usdJpyRate} usdJpyRate={user.company.usdJpyRate} />;
}
