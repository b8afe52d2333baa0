const dateTime = new Intl.DateTimeFormat("ja-JP", { dateStyle: "short", timeStyle: "medium" });
const time = new Intl.DateTimeFormat("ja-JP", { timeStyle: "medium" });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 4 });
const percent = new Intl.NumberFormat("ja-JP", { style: "percent", maximumFractionDigits: 1 });

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatTime = (iso: string) => time.format(new Date(iso));
export const formatUsd = (value: number) => usd.format(value);
export const formatPercent = (value: number) => percent.format(value);
export const formatMs = (ms: number) => `${Math.round(ms).toLocaleString("ja-JP")} ms`;

/** 83 → "1:23"; an hour or more → "1:02:03". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}
