import { Box, Group, Paper, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * One spoken line as a chat bubble: the caller on the left, the agent on the right, marked when
 * the caller cut it short. Shared by call transcripts and the in-browser test call.
 */
export function SpeechBubble({
  role,
  caption,
  truncated,
  dimmed = false,
  done,
  highlighted = false,
  children,
}: {
  role: "caller" | "agent";
  caption: ReactNode;
  truncated: boolean;
  dimmed?: boolean;
  /** Still being spoken (a live transcript) when false. */
  done?: boolean;
  /** The line a search result pointed at. */
  highlighted?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation("callEvents");
  const agent = role === "agent";
  return (
    <Group justify={agent ? "flex-end" : "flex-start"}>
      <Box maw="75%">
        <Text size="xs" c="dimmed" ta={agent ? "right" : "left"}>
          {caption}
        </Text>
        <Paper
          p="xs"
          px="sm"
          radius="lg"
          bg={highlighted ? "yellow.1" : agent ? "indigo.0" : "white"}
          withBorder
          style={highlighted ? { borderColor: "var(--mantine-color-yellow-6)", borderWidth: 2 } : undefined}
          data-role={role}
          data-done={done}
          data-highlighted={highlighted || undefined}
        >
          <Text size="sm" c={dimmed ? "dimmed" : undefined}>
            {children}
          </Text>
          {truncated && (
            <Text size="xs" c="grape.7">
              {t("truncated")}
            </Text>
          )}
        </Paper>
      </Box>
    </Group>
  );
}
