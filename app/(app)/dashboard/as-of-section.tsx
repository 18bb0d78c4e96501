import { dayLabel } from "@/lib/domain/as-of";
import { AsOfBanner, AsOfForm, type AsOfChoice } from "./as-of-form";
import type { Dashboard } from "./dashboard-sections";

/**
 * The dashboard's "as of" selector, and when a past day is shown, the banner saying so (with an empty state when
 * nothing had been rated by then).
 */
export function DashboardAsOf({
  d,
  choice,
  raw,
  now,
  confidence,
}: {
  d: Dashboard;
  choice: AsOfChoice;
  raw: string | undefined;
  now: Date;
  confidence: boolean;
}) {
  // Someone who has never rated anything has no past to look at.
  if (!d.asOfDay && d.ratedCount === 0 && !choice.error) return null;
  const keep = { view: confidence ? "confidence" : undefined };
  return (
    <div className="space-y-3">
      <AsOfForm action="/dashboard" choice={choice} raw={raw} now={now} keep={keep} />
      {d.asOfDay && (
        <AsOfBanner
          what="your skills"
          day={d.asOfDay}
          backHref={confidence ? "/dashboard?view=confidence" : "/dashboard"}
          todayOnly="Your current and target roles, goals, invitations and certification warnings"
        >
          {d.ratedCount === 0 && (
            <p className="mt-2 font-medium" data-testid="as-of-empty">
              Not rated yet: you had rated no skills by the end of {dayLabel(d.asOfDay)}.
            </p>
          )}
        </AsOfBanner>
      )}
    </div>
  );
}
