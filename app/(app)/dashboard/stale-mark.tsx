import { STALE_AFTER_MONTHS } from "@/lib/domain/confidence";

/** The small "older than 6 months" mark beside a skill whose rating nobody has revisited for half a year. */
export function StaleMark() {
  return (
    <span className="ml-1 inline-block rounded border border-amber-300 bg-amber-50 px-1.5 text-xs font-normal text-amber-900">
      older than {STALE_AFTER_MONTHS} months
    </span>
  );
}
