import Link from "next/link";
import type { getPersonProfile } from "@/lib/data/people";
import { levelDescriptor } from "@/lib/domain/level-descriptors";
import { EvidenceMarkers } from "../finder-results";
import { formatDay } from "../format";
import { EndorseForm, HideToggle, WithdrawButton } from "./endorse-controls";

type Profile = Awaited<ReturnType<typeof getPersonProfile>>;
type Props = {
  personId: string;
  ratings: Profile["ratings"];
  taxonomy: Profile["taxonomy"];
  viewer: Profile["viewer"];
};

/** Current ratings (level 1 and above) grouped by category, in taxonomy order, with descriptors and evidence. */
export function RatingsByCategory({ personId, ratings, taxonomy, viewer }: Props) {
  const skills = new Map(taxonomy.skills.map((s, i) => [s.id, { skill: s, order: i }]));
  const rated = ratings
    .filter((r) => r.level >= 1 && skills.has(r.skillId))
    .sort((a, b) => skills.get(a.skillId)!.order - skills.get(b.skillId)!.order);
  const groups = taxonomy.categories
    .map((c) => ({ category: c, ratings: rated.filter((r) => skills.get(r.skillId)!.skill.category === c.id) }))
    .filter((g) => g.ratings.length > 0);
  return (
    <section aria-labelledby="ratings-h" className="space-y-4">
      <h2 id="ratings-h" className="text-2xl font-semibold">
        Ratings
      </h2>
      {rated.length === 0 ? (
        <p className="text-slate-700" data-testid="ratings-empty">
          {viewer.isSelf ? (
            <>
              You have not rated any skill above 0 yet.{" "}
              <Link href="/me/skills" className="text-brand-700 underline">
                Rate your skills
              </Link>{" "}
              and they appear here.
            </>
          ) : (
            "No skills rated above 0 yet."
          )}
        </p>
      ) : (
        <p className="text-sm text-slate-700">
          Skills rated 1 or higher, by category. Ratings not changed in six months are marked &ldquo;older than 6
          months&rdquo;.
          {viewer.canEndorse && " As a teammate you can endorse a rating you have seen in practice."}
        </p>
      )}
      {groups.map(({ category, ratings: list }) => (
        <section key={category.id} aria-labelledby={`cat-${category.id}`} className="space-y-2">
          <h3 id={`cat-${category.id}`} className="text-lg font-semibold">
            {category.name}
          </h3>
          <ul className="divide-y divide-slate-100 rounded border border-slate-200 bg-white">
            {list.map((r) => {
              const skill = skills.get(r.skillId)!.skill;
              const d = levelDescriptor(skill, taxonomy.scale, r.level);
              return (
                <li key={r.skillId} className="space-y-2 p-3" data-testid="profile-rating" data-skill={r.skillId}>
                  <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
                    <Link href={`/skills/${skill.id}`} className="font-medium break-words text-brand-700 underline">
                      {skill.name}
                    </Link>
                    <span className="font-medium">
                      level {r.level} {d.name}
                    </span>
                    <EvidenceMarkers
                      certified={Boolean(r.certification?.current)}
                      confirmed={r.confirmed}
                      endorsements={r.endorsements.length}
                      stale={r.stale}
                    />
                  </p>
                  <p className="text-sm break-words text-slate-700">
                    {d.text}
                    {!d.specific && <span className="text-slate-600"> (general scale)</span>}
                  </p>
                  <p className="flex flex-wrap gap-x-3 text-sm text-slate-700">
                    <span>rated {formatDay(r.updatedAt)}</span>
                    {r.certification && (
                      <span>
                        Certification: {r.certification.name}
                        {r.certification.current ? "" : " (expired)"}
                      </span>
                    )}
                    {r.evidenceUrl && (
                      <a
                        href={r.evidenceUrl}
                        rel="noopener noreferrer nofollow"
                        className="break-all text-brand-700 underline"
                      >
                        Evidence link<span className="sr-only"> for {skill.name}</span>
                      </a>
                    )}
                  </p>
                  {r.note && <p className="text-sm break-words text-slate-700">Note: {r.note}</p>}
                  <Endorsements personId={personId} skillName={skill.name} rating={r} viewer={viewer} />
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </section>
  );
}

function Endorsements({
  personId,
  skillName,
  rating: r,
  viewer,
}: {
  personId: string;
  skillName: string;
  rating: Profile["ratings"][number];
  viewer: Profile["viewer"];
}) {
  return (
    <div className="space-y-2">
      {r.endorsements.length > 0 && (
        <ul className="space-y-1 text-sm" aria-label={`Endorsements of ${skillName}`}>
          {r.endorsements.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center gap-2" data-testid="endorsement">
              <span className="break-words">
                Endorsed by <strong>{e.by}</strong> on {formatDay(e.at)}
                {e.comment && <>: &ldquo;{e.comment}&rdquo;</>}
              </span>
              {viewer.isSelf && <HideToggle endorsementId={e.id} hidden={false} by={e.by} />}
            </li>
          ))}
        </ul>
      )}
      {r.hiddenEndorsements.length > 0 && (
        <details className="text-sm">
          <summary className="flex min-h-11 cursor-pointer items-center text-slate-700">
            Hidden endorsements ({r.hiddenEndorsements.length}), seen only by you
          </summary>
          <ul className="space-y-1">
            {r.hiddenEndorsements.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center gap-2">
                <span className="break-words">
                  {e.by} on {formatDay(e.at)}
                  {e.comment && <>: &ldquo;{e.comment}&rdquo;</>}
                </span>
                <HideToggle endorsementId={e.id} hidden by={e.by} />
              </li>
            ))}
          </ul>
        </details>
      )}
      {viewer.canEndorse &&
        (r.endorsedByMe ? (
          <WithdrawButton personId={personId} skillId={r.skillId} skillName={skillName} />
        ) : (
          <EndorseForm personId={personId} skillId={r.skillId} skillName={skillName} />
        ))}
    </div>
  );
}
