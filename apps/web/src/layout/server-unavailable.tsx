import { Alert, Button, Center, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";

export function ServerUnavailable({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation("layout");
  return (
    <Center mih="100vh">
      <Stack w={420}>
        <Alert color="red" title={t("serverUnavailable.title")}>
          {t("serverUnavailable.body")}
        </Alert>
        <Button onClick={onRetry}>{t("serverUnavailable.retry")}</Button>
      </Stack>
    </Center>
  );
}
