import { Button, Tooltip } from "@mantine/core";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import {
  muteNotificationSound,
  type NotificationSoundState,
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
  // The press itself lets the browser resume the audio, which turns "blocked" into "on" before a
  // click held as people hold one ends: the click does what the button said when it was pressed.
  const shownAtPress = useRef<NotificationSoundState | null>(null);
  const pressed = () => {
    shownAtPress.current = state;
  };
  const clicked = () => {
    const shown = shownAtPress.current ?? state;
    shownAtPress.current = null;
    if (shown === "on") muteNotificationSound();
    else void turnNotificationSoundOn();
  };
  return (
    <Tooltip label={t(`notificationSound.${state}.hint`)} multiline w={260} withArrow>
      <Button
        size="compact-xs"
        variant={state === "blocked" ? "light" : "default"}
        color={state === "blocked" ? "orange" : undefined}
        aria-pressed={state === "on"}
        onPointerDown={pressed}
        onKeyDown={pressed}
        onClick={clicked}
      >
        {t(`notificationSound.${state}.label`)}
      </Button>
    </Tooltip>
  );
}
