import { Button, Group, Modal, Text } from "@mantine/core";
import { useWindowEvent } from "@mantine/hooks";
import { useBlocker } from "react-router";

/**
 * While `dirty`, leaving the page (another page, another agent, closing the tab) asks first.
 */
export function UnsavedChangesGuard({ dirty }: { dirty: boolean }) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );
  useWindowEvent("beforeunload", (event) => {
    if (dirty) event.preventDefault();
  });
  return (
    <Modal
      opened={blocker.state === "blocked"}
      onClose={() => blocker.reset?.()}
      title="保存されていない変更があります"
    >
      <Text size="sm">このまま移動すると、保存していない変更は失われます。</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={() => blocker.reset?.()}>
          このページに留まる
        </Button>
        <Button color="red" onClick={() => blocker.proceed?.()}>
          変更を破棄して移動
        </Button>
      </Group>
    </Modal>
  );
}
