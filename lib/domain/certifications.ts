/**
 * Certification dates: the status a person, their manager and the team page see, and the default expiry from the
 * catalogue's typical validity. Pure; `now` is passed in (tests inject the clock).
 */

/** Within this many days of expiry a certification is "expiring soon". */
export const EXPIRY_WARNING_DAYS = 90;

export type CertificationStatus = "valid" | "expiring" | "expired" | "no-expiry";

const DAY = 86_400_000;

/** Midnight UTC of a date's calendar day. */
function dayStart(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/**
 * Whole days from today to the expiry date (0 on the day itself, negative once past); null when it does not expire.
 * A certification is valid through its expiry day.
 */
export function daysUntilExpiry(expiresOn: Date | null, now: Date): number | null {
  if (!expiresOn) return null;
  return Math.round((dayStart(expiresOn) - dayStart(now)) / DAY);
}

export function certificationStatus(expiresOn: Date | null, now: Date, warningDays = EXPIRY_WARNING_DAYS) {
  const days = daysUntilExpiry(expiresOn, now);
  const status: CertificationStatus =
    days === null ? "no-expiry" : days < 0 ? "expired" : days <= warningDays ? "expiring" : "valid";
  return { status, days };
}

/** What a person reads: "Expired 12 days ago", "Expires in 60 days", "Expires today", "Does not expire". */
export function expiryText(expiresOn: Date | null, now: Date): string {
  const days = daysUntilExpiry(expiresOn, now);
  if (days === null) return "Does not expire";
  if (days === 0) return "Expires today";
  if (days === 1) return "Expires tomorrow";
  if (days > 0) return `Expires in ${days} days`;
  return days === -1 ? "Expired yesterday" : `Expired ${-days} days ago`;
}

/** The typical expiry: issue date plus the catalogue's validity in months (clamped to the month's last day). */
export function defaultExpiry(issuedOn: Date, validityMonths: number | null): Date | null {
  if (validityMonths === null) return null;
  const y = issuedOn.getUTCFullYear();
  const m = issuedOn.getUTCMonth() + validityMonths;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(issuedOn.getUTCDate(), lastDay)));
}

/** Whether a certification counts as evidence today: not expired (no expiry counts). */
export function isCurrent(expiresOn: Date | null, now: Date): boolean {
  const days = daysUntilExpiry(expiresOn, now);
  return days === null || days >= 0;
}
