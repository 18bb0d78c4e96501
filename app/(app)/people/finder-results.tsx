import Link from "next/link";
import { FINDER_LIMIT, type findExperts } from "@/lib/data/people";
import { plural } from "@/lib/domain/plural";
import { formatDay } from "./format";

type Found = Awaited<ReturnType<typeof findExperts>>;
type Props = {
  found: Found;
  criteria: { skillId: string; minLevel: number }[];
  certification: string | null;
  skillName: Record<string, string>;
  levelName: Record<number, string>;
};

/** What backs a rating, in words: "✓ certified", "confirmed in review", "2 endorsements". */
export function EvidenceMarkers({
  certified,
  confirmed,
  endorsements,
  stale,
}: {
  certified: boolean;
  confirmed: boolean;
  endorsements: number;
  stale: boolean;
}) {
  const chip = "rounded px-1.5 py-0.5 text-xs font-medium";
  return (
    <>
      {certified && <span className={`${chip} bg-green-100 text-green-900`}>✓ certified</span>}
      {confirmed && <span className={`${chip} bg-brand-100 text-brand-900`}>confirmed in review</span>}
      {endorsements > 0 && (
        <span className={`${chip} bg-slate-200 text-slate-800`}>
          {plural(endorsements, "endorsement", "endorsements")}
        </span>
      )}
      {stale && <span className={`${chip} bg-amber-100 text-amber-900`}>older than 6 months</span>}
    </>
  );
}

/** The finder's answer: a count of the people the actor may see who match, and the best first. */
export function FinderResults({ found, criteria, certification, skillName, levelName }: Props) {
  const asked = criteria.map((c) => `${skillName[c.skillId] ?? c.skillId} at ${c.minLevel}+`).join(", ");
  return (
    <section aria-labelledby="results-h" className="space-y-3">
      <h2 id="results-h" className="text-xl font-semibold" data-testid="finder-count">
        {plural(found.total, "person", "people")}
      </h2>
      <p className="text-sm text-slate-700">
        Matching {asked}
        {certification ? `, holding a current ${certification}` : ""}. The count includes only people you may see. Best
        matches first: highest level, then evidence, then the most recent rating.
        {found.total > found.results.length &&
          ` Showing the first ${FINDER_LIMIT}; add a skill or raise a level to narrow it.`}
      </p>
      {found.results.length === 0 ? (
        <p role="status" className="rounded border border-slate-200 bg-white p-4" data-testid="finder-empty">
          Nobody you may see matches all of this. Try a lower minimum level, fewer skills
          {certification ? " or no certification" : ""}. People who chose not to be found are never listed.
        </p>
      ) : (
        <ol className="divide-y divide-slate-100 rounded border border-slate-200 bg-white">
          {found.results.map((p) => (
            <li key={p.id} className="space-y-2 p-3" data-testid="finder-result">
              <p>
                <Link
                  href={`/people/${p.id}`}
                  className="inline-flex min-h-11 items-center font-medium break-words text-brand-700 underline"
                >
                  {p.name}
                </Link>
                {p.isMe && <span className="ml-2 text-sm text-slate-600">(you)</span>}
              </p>
              <ul className="space-y-1.5">
                {p.ratings.map((r) => (
                  <li key={r.skillId} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                    <span className="font-medium">{skillName[r.skillId] ?? r.skillId}:</span>
                    <span>
                      level {r.level} {levelName[r.level] ?? ""}
                    </span>
                    <EvidenceMarkers {...r} />
                    <span className="text-slate-600">rated {formatDay(r.updatedAt)}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
