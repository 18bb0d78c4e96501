import Link from "next/link";
import type { LadderRow } from "@/lib/domain/taxonomy-views";
import type { Role } from "@/lib/domain/types";
import { trackLabel } from "@/components/badges";

const tracks: Role["track"][] = ["infrastructure", "platform"];
const trackStyle: Record<Role["track"], string> = {
  infrastructure: "border-slate-400 bg-slate-100 text-slate-900",
  platform: "border-brand-600 bg-brand-50 text-brand-900",
};

/**
 * The role map: seniority rows × track columns, every title whole (boxes wrap their text, nothing is cut or
 * scrolled away). On a phone the row label sits above its two track cells; from `sm` it sits in its own column.
 */
export function RoleMap({ rows, label }: { rows: LadderRow[]; label: string }) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3" data-testid="role-map">
      <figcaption className="mb-3 text-sm text-slate-700">{label}</figcaption>
      <div className="grid grid-cols-2 gap-x-2 gap-y-1 sm:grid-cols-[9rem_1fr_1fr] sm:gap-x-4">
        <div className="hidden sm:block" />
        {tracks.map((t) => (
          <p key={t} className="pb-1 text-sm font-semibold text-slate-800">
            {trackLabel[t]}
            <span className="sr-only"> track</span>
          </p>
        ))}
        {rows.map((row) => (
          <div key={row.seniority} className="contents">
            <p className="col-span-2 mt-2 border-t border-slate-200 pt-2 text-xs font-medium text-slate-600 sm:col-span-1 sm:mt-0 sm:py-2">
              {row.seniority} · {row.label}
            </p>
            {tracks.map((t) => (
              <ul
                key={t}
                className="grid content-start gap-2 sm:border-t sm:border-slate-200 sm:py-2 lg:grid-cols-[repeat(auto-fill,minmax(11rem,1fr))]"
                aria-label={`${trackLabel[t]} track, seniority ${row.seniority}: ${row.label}`}
              >
                {row.tracks[t].map((r) => (
                  <li key={r.id} className="min-w-0">
                    <Link
                      href={`/roles/${r.id}`}
                      aria-current={r.current ? "page" : undefined}
                      className={`flex min-h-11 items-center rounded border px-2 py-1.5 text-sm font-medium break-words hyphens-auto underline-offset-2 hover:underline ${
                        r.current ? "border-brand-900 bg-brand-700 text-white" : trackStyle[t]
                      }`}
                    >
                      {r.title}
                    </Link>
                  </li>
                ))}
              </ul>
            ))}
          </div>
        ))}
      </div>
    </figure>
  );
}
