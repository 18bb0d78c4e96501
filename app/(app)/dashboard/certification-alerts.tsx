import Link from "next/link";
import type { DashboardView } from "@/lib/data/dashboard";
import { EXPIRY_WARNING_DAYS, expiryText } from "@/lib/domain/certifications";

type Alert = DashboardView["certificationAlerts"][number];

/**
 * The person's certifications that have expired or expire within 90 days, soonest first: "CKA — Expires in 60 days".
 * Nothing at all when every certification is fine. Expired ones read as a warning in words, not only in colour.
 */
export function CertificationAlerts({ alerts, now }: { alerts: readonly Alert[]; now: Date }) {
  if (alerts.length === 0) return null;
  const expired = alerts.some((a) => a.status === "expired");
  return (
    <div
      role="status"
      aria-labelledby="cert-alerts-h"
      className={`rounded border p-4 ${expired ? "border-red-300 bg-red-50 text-red-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}
      data-testid="certification-alerts"
    >
      <h2 id="cert-alerts-h" className="text-lg font-semibold">
        Certifications
      </h2>
      <p className="text-sm">Expired, or expiring within {EXPIRY_WARNING_DAYS} days.</p>
      <ul className="mt-2 space-y-1">
        {alerts.map((a) => (
          <li key={a.id} className="break-words">
            {a.status === "expired" ? (
              <>
                <span aria-hidden="true">⚠ </span>
                <strong>{a.name}</strong> — <strong className="text-red-800">{expiryText(a.expiresOn, now)}</strong>
              </>
            ) : (
              <>
                <strong>{a.name}</strong> — {expiryText(a.expiresOn, now)}
              </>
            )}
          </li>
        ))}
      </ul>
      <p className="mt-2">
        <Link className="inline-flex min-h-11 items-center font-medium underline" href="/me/certifications">
          Manage certifications
        </Link>
      </p>
    </div>
  );
}
