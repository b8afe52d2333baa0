import { Button, Group, Modal, Text } from "@mantine/core";
import { useWindowEvent } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { useBlocker } from "react-router";

/**
 * While `dirty`, leaving the page (another page, another agent, closing the tab) asks first.
 */
export function UnsavedChangesGuard({ dirty }: { dirty: boolean }) {
  const { t } = useTranslation("salesPitch");
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );
  useWindowEvent("beforeunload", (event) => {
    if (dirty) event.preventDefault();
  });
  return (
    <Modal opened={blocker.state === "blocked"} onClose={() => blocker.reset?.()} title={t("unsaved.title")}>
      <Text size="sm">{t("unsaved.body")}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={() => blocker.reset?.()}>
          {t("unsaved.stay")}
        </Button>
        <Button color="red" onClick={() => blocker.proceed?.()}>
          {t("unsaved.leave")}
        </Button>
      </Group>
    </Modal>
  );
}
