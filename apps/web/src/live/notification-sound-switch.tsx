import { Button, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import {
  muteNotificationSound,
  turnNotificationSoundOn,
  useNotificationSound,
} from "./notification-sound.ts";

/**
 * The handoff chime's switch in the header. When the browser holds sound back until the page is
 * clicked (a reloaded tab), it says so in orange: an operator would otherwise miss handoffs unheard.
 */
export function NotificationSoundSwitch() {
  const { t } = useTranslation("layout");
  const state = useNotificationSound();
  return (
    <Tooltip label={t(`notificationSound.${state}.hint`)} multiline w={260} withArrow>
      <Button
        size="compact-xs"
        variant={state === "blocked" ? "light" : "default"}
        color={state === "blocked" ? "orange" : undefined}
        aria-pressed={state === "on"}
        onClick={state === "on" ? muteNotificationSound : () => void turnNotificationSoundOn()}
      >
        {t(`notificationSound.${state}.label`)}
      </Button>
    </Tooltip>
  );
}
