import Link from "next/link";
import type { getPersonProfile } from "@/lib/data/people";
import { expiryText } from "@/lib/domain/certifications";
import { formatDay } from "../format";

type Certifications = Awaited<ReturnType<typeof getPersonProfile>>["certifications"];

const STATUS_STYLE = {
  expired: "bg-red-100 text-red-900",
  expiring: "bg-amber-100 text-amber-900",
  valid: "bg-green-100 text-green-900",
  "no-expiry": "bg-slate-200 text-slate-800",
} as const;

/** A person's certifications, soonest expiry first, each with its status in words. */
export function CertificationList({
  certifications,
  now,
  isSelf,
}: {
  certifications: Certifications;
  now: Date;
  isSelf: boolean;
}) {
  return (
    <section aria-labelledby="certs-h" className="space-y-3">
      <h2 id="certs-h" className="text-2xl font-semibold">
        Certifications
      </h2>
      {certifications.length === 0 ? (
        <p className="text-slate-700">
          No certifications recorded.
          {isSelf && (
            <>
              {" "}
              <Link href="/me/certifications" className="text-brand-700 underline">
                Record one
              </Link>
              .
            </>
          )}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded border border-slate-200 bg-white">
          {certifications.map((c) => (
            <li key={c.id} className="space-y-1 p-3" data-testid="profile-certification">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium break-words">{c.short ? `${c.short} — ${c.name}` : c.name}</span>
                <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[c.status]}`}>
                  {c.status === "valid" ? `Valid until ${formatDay(c.expiresOn!)}` : expiryText(c.expiresOn, now)}
                </span>
              </p>
              <p className="text-sm break-words text-slate-700">
                {c.issuer && `${c.issuer} · `}issued {formatDay(c.issuedOn)}
                {c.expiresOn && c.status !== "valid" && ` · expiry date ${formatDay(c.expiresOn)}`}
                {c.credentialId && ` · credential ${c.credentialId}`}
                {c.credentialUrl && (
                  <>
                    {" · "}
                    <a href={c.credentialUrl} rel="noopener noreferrer nofollow" className="text-brand-700 underline">
                      Credential link<span className="sr-only"> for {c.name}</span>
                    </a>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {isSelf && certifications.length > 0 && (
        <p className="text-sm">
          <Link href="/me/certifications" className="text-brand-700 underline">
            Manage my certifications
          </Link>
        </p>
      )}
    </section>
  );
}
