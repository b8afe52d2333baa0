/** Dates and numbers as one locale writes them ("ja-JP", "en-US"); see `useFormat`. */
export type Formatters = {
  /** A calendar date ("2027-01-20"), the same day wherever the browser is. */
  date: (isoDate: string) => string;
  dateTime: (iso: string) => string;
  time: (iso: string) => string;
  usd: (value: number) => string;
  /** Whole yen, or tenths below ¥10 (a short call costs a few yen). */
  jpy: (value: number) => string;
  percent: (value: number) => string;
  ms: (value: number) => string;
  count: (value: number) => string;
};

const byLocale = new Map<string, Formatters>();

/** The formatters of `locale`, made once: Intl formatters are costly to create. */
export function formattersFor(locale: string): Formatters {
  const known = byLocale.get(locale);
  if (known) return known;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "medium" });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "medium" });
  const usd = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", maximumFractionDigits: 4 });
  const jpy = new Intl.NumberFormat(locale, { style: "currency", currency: "JPY", maximumFractionDigits: 0 });
  const jpyTenths = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "JPY",
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const formatters: Formatters = {
    date: (isoDate) => date.format(new Date(isoDate)),
    dateTime: (iso) => dateTime.format(new Date(iso)),
    time: (iso) => time.format(new Date(iso)),
    usd: (value) => usd.format(value),
    jpy: (value) => (Math.abs(value) < 10 ? jpyTenths : jpy).format(value),
    percent: (value) => percent.format(value),
    ms: (value) => `${count.format(value)} ms`,
    count: (value) => count.format(value),
  };
  byLocale.set(locale, formatters);
  return formatters;
}

/** 83 → "1:23"; an hour or more → "1:02:03". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}
