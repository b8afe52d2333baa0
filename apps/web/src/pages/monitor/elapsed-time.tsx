import { Text } from "@mantine/core";
import { useInterval } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { formatDuration } from "../../lib/format.ts";

/** Time since `since`, ticking every second. */
export function ElapsedTime({ since, size = "sm" }: { since: string; size?: string }) {
  const [now, setNow] = useState(Date.now());
  const interval = useInterval(() => setNow(Date.now()), 1000);
  useEffect(() => {
    interval.start();
    return interval.stop;
  }, [interval]);
  return (
    <Text size={size} ff="monospace" span data-testid="elapsed-time">
      {formatDuration((now - new Date(since).getTime()) / 1000)}
    </Text>
  );
}
