const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago": how long before `now` the moment `at` was. */
export function relativeTime(at: Date, now: Date): string {
  const ms = now.getTime() - at.getTime();
  if (ms < 60_000) return "just now";
  for (const [unit, size] of UNITS) if (ms >= size) return relative.format(-Math.floor(ms / size), unit);
  return "just now";
}

/** "2026-11-30 18:05 UTC": the absolute moment, in the same words as the rest of the app. */
export function absoluteTime(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
