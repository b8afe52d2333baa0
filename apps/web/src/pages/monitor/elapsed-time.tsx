import { Text } from "@mantine/core";
import { formatDuration } from "../../lib/format.ts";
import { useNow } from "../../lib/use-now.ts";

/** Time since `since`, ticking every second. */
export function ElapsedTime({ since, size = "sm" }: { since: string; size?: string }) {
  const now = useNow();
  return (
    <Text size={size} ff="monospace" span data-testid="elapsed-time">
      {formatDuration((now - new Date(since).getTime()) / 1000)}
    </Text>
  );
}
