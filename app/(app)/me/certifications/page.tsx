import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { listMyCertifications } from "@/lib/data/certifications";
import { EXPIRY_WARNING_DAYS, expiryText } from "@/lib/domain/certifications";
import { isoDay } from "@/lib/validation";
import { formatDay } from "../../people/format";
import { AddCertification, CertificationItem, type CertificationRow } from "./certification-items";

export const metadata: Metadata = { title: "My certifications" };

export default async function MyCertificationsPage() {
  const actor = await requireActor("/me/certifications");
  const now = new Date();
  const { catalogue, certifications } = await listMyCertifications(actor, now);
  const entries = catalogue.map((c) => ({
    id: c.id,
    name: c.name,
    short: c.short,
    issuer: c.issuer,
    validityMonths: c.validityMonths,
  }));
  const rows: CertificationRow[] = certifications.map((c) => ({
    id: c.id,
    title: c.short ? `${c.short} — ${c.name}` : c.name,
    issuer: c.issuer,
    status: c.status,
    statusText:
      c.status === "valid" && c.expiresOn
        ? `Valid until ${formatDay(c.expiresOn)} (${expiryText(c.expiresOn, now).toLowerCase()})`
        : expiryText(c.expiresOn, now),
    details: [
      c.issuer,
      `issued ${formatDay(c.issuedOn)}`,
      c.expiresOn ? `expiry date ${formatDay(c.expiresOn)}` : null,
      c.credentialId ? `credential ${c.credentialId}` : null,
    ]
      .filter(Boolean)
      .join(" · "),
    credentialUrl: c.credentialUrl,
    values: {
      certificationId: c.certificationId ?? "",
      name: c.certificationId ? "" : c.name,
      credentialId: c.credentialId ?? "",
      credentialUrl: c.credentialUrl ?? "",
      issuedOn: isoDay(c.issuedOn),
      expiresOn: c.expiresOn ? isoDay(c.expiresOn) : "",
      noExpiry: c.expiresOn === null,
    },
  }));
  const warnings = rows.filter((r) => r.status === "expired" || r.status === "expiring").length;
  return (
    <div className="max-w-3xl min-w-0 space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">My certifications</h1>
        <p className="text-slate-700">
          Record the certifications you hold. They show on{" "}
          <Link href={`/people/${actor.id}`} className="text-brand-700 underline">
            your profile
          </Link>{" "}
          to the people who may see it, and a current one counts as evidence for the skills it covers. Those that have
          expired or expire within {EXPIRY_WARNING_DAYS} days are highlighted here and on your dashboard.
        </p>
      </header>

      <section aria-labelledby="list-h" className="space-y-3">
        <h2 id="list-h" className="text-xl font-semibold">
          Recorded ({rows.length})
        </h2>
        {rows.length === 0 ? (
          <p className="text-slate-700" data-testid="certifications-empty">
            None yet. Add your first one with the form below: pick it from the list, or type its name if it is not
            there.
          </p>
        ) : (
          <>
            {warnings > 0 && (
              <p className="text-slate-700">
                {warnings === 1 ? "One has expired or expires soon." : `${warnings} have expired or expire soon.`} When
                you renew, edit the dates or record the new certificate.
              </p>
            )}
            <ul className="space-y-3">
              {rows.map((r) => (
                <CertificationItem key={r.id} row={r} catalogue={entries} />
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="add-h" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="add-h" className="text-xl font-semibold">
          Add a certification
        </h2>
        <AddCertification catalogue={entries} />
      </section>
    </div>
  );
}
