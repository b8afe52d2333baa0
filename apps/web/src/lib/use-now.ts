import { useInterval } from "@mantine/hooks";
import { useEffect, useState } from "react";

/** The current time in ms, re-rendering every second: for "N s ago" and elapsed-time displays. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  const interval = useInterval(() => setNow(Date.now()), 1000);
  useEffect(() => {
    interval.start();
    return interval.stop;
  }, [interval]);
  return now;
}
