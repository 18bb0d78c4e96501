import Link from "next/link";
import type { getTeamCertifications } from "@/lib/data/certifications";
import { EXPIRY_WARNING_DAYS, expiryText, type CertificationStatus } from "@/lib/domain/certifications";
import { plural } from "@/lib/domain/plural";

type TeamCertificationsData = Awaited<ReturnType<typeof getTeamCertifications>>;

const statusText: Record<CertificationStatus, string> = {
  expired: "Expired",
  expiring: "Expiring soon",
  valid: "Valid",
  "no-expiry": "No expiry",
};

const statusClass: Record<CertificationStatus, string> = {
  expired: "border-red-300 bg-red-50 text-red-900",
  expiring: "border-amber-300 bg-amber-50 text-amber-900",
  valid: "border-green-300 bg-green-50 text-green-900",
  "no-expiry": "border-slate-300 bg-slate-100 text-slate-800",
};

const day = (d: Date) => d.toISOString().slice(0, 10);

/** "2 expired, 3 expiring within 90 days". */
export function certificationCounts(counts: TeamCertificationsData["counts"]): string {
  return `${counts.expired} expired, ${counts.expiring} expiring within ${EXPIRY_WARNING_DAYS} days`;
}

/**
 * The team's certifications for its managers and admins: one row per person and certification, expired and expiring
 * first (the data layer's order). The status is a word as well as a colour. The table scrolls sideways on a phone.
 */
export function TeamCertifications({ data, now }: { data: TeamCertificationsData; now: Date }) {
  const { rows, counts } = data;
  return (
    <section aria-labelledby="certs-h" className="space-y-3" data-testid="team-certifications">
      <h2 id="certs-h" className="text-xl font-semibold">
        Certifications
      </h2>
      {rows.length === 0 ? (
        <p>Nobody in the team has recorded a certification yet. People add theirs on their own Certifications page.</p>
      ) : (
        <>
          <p data-testid="certification-counts">
            <strong>{certificationCounts(counts)}</strong>.{" "}
            <span className="text-slate-700">
              {counts.withAny} of {plural(counts.people, "person", "people")} in the team{" "}
              {counts.withAny === 1 ? "has" : "have"} recorded at least one.
            </span>
          </p>
          <div
            role="region"
            aria-label="Team certifications table (scrolls sideways)"
            tabIndex={0}
            className="max-w-full overflow-x-auto rounded border border-slate-200 bg-white"
          >
            <table className="w-full text-left text-sm">
              <caption className="sr-only">
                Certifications of the team&apos;s people, expired and expiring first
              </caption>
              <thead>
                <tr className="border-b">
                  <th scope="col" className="p-2">
                    Person
                  </th>
                  <th scope="col" className="p-2">
                    Certification
                  </th>
                  <th scope="col" className="p-2">
                    Issued
                  </th>
                  <th scope="col" className="p-2">
                    Expiry
                  </th>
                  <th scope="col" className="p-2">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className="border-b border-slate-100 align-top">
                    <th scope="row" className="p-2 font-normal break-words">
                      <Link className="text-brand-700 underline" href={`/people/${r.userId}`}>
                        {r.person}
                      </Link>
                    </th>
                    <td className="min-w-40 p-2 break-words">
                      {r.short ? (
                        <>
                          <strong>{r.short}</strong> <span className="text-slate-700">{r.name}</span>
                        </>
                      ) : (
                        r.name
                      )}
                    </td>
                    <td className="p-2 whitespace-nowrap">{day(r.issuedOn)}</td>
                    <td className="p-2">
                      <span className="whitespace-nowrap">{expiryText(r.expiresOn, now)}</span>
                      {r.expiresOn && <span className="block text-slate-600">{day(r.expiresOn)}</span>}
                    </td>
                    <td className="p-2">
                      <span
                        className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${statusClass[r.status]}`}
                      >
                        {statusText[r.status]}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
