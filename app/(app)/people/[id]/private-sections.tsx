import Link from "next/link";
import type { getPersonProfile } from "@/lib/data/people";
import { plural } from "@/lib/domain/plural";
import { reviewStateLabel, type ReviewState } from "@/lib/domain/review";
import { formatDay } from "../format";

type Private = NonNullable<Awaited<ReturnType<typeof getPersonProfile>>["private"]>;

const SOURCE_LABEL: Record<string, string> = {
  self: "self-rated",
  manager: "confirmed in review",
  import: "imported",
};

const READINESS_LABEL = { ready: "ready", stretch: "a stretch", far: "still far" } as const;

/**
 * What only the person, their current managers and admins see: fit to the target role, open goals, the rating
 * timeline per skill and the review history.
 */
export function PrivateSections({
  data,
  skillName,
  targetRole,
  isSelf,
}: {
  data: Private;
  skillName: Record<string, string>;
  targetRole: string | null;
  isSelf: boolean;
}) {
  const name = (id: string) => skillName[id] ?? id;
  const gaps = data.fit ? data.fit.skills.filter((s) => s.gap > 0).slice(0, 5) : [];
  const timeline = Object.entries(data.timeline).sort(([a], [b]) => name(a).localeCompare(name(b)));
  return (
    <>
      <p className="rounded border border-slate-200 bg-slate-100 p-3 text-sm text-slate-800">
        {isSelf
          ? "The sections below are seen only by you, the managers of your teams and admins."
          : "The sections below are seen only by this person, the managers of their teams and admins."}
      </p>

      <section aria-labelledby="fit-h" className="space-y-2">
        <h2 id="fit-h" className="text-2xl font-semibold">
          Fit to the target role
        </h2>
        {!data.fit ? (
          <p className="text-slate-700">
            No target role set.{isSelf && " Choose one on the My skills page to see how close you are."}
          </p>
        ) : (
          <>
            <p data-testid="profile-fit">
              <strong>{data.fit.fit}%</strong> fit to {targetRole ?? data.fit.title}:{" "}
              {READINESS_LABEL[data.fit.readiness]}. {plural(data.fit.metCount, "requirement", "requirements")} of{" "}
              {data.fit.total} met.
            </p>
            {gaps.length > 0 ? (
              <>
                <h3 className="font-semibold">Biggest gaps</h3>
                <ul className="list-disc space-y-1 pl-5 text-slate-800">
                  {gaps.map((g) => (
                    <li key={g.skill}>
                      {g.name}: level {g.current} of {g.required} needed ({g.importance})
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="text-green-800">Every requirement of the target role is met.</p>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="goals-h" className="space-y-2">
        <h2 id="goals-h" className="text-2xl font-semibold">
          Open goals
        </h2>
        {data.goals.length === 0 ? (
          <p className="text-slate-700">No open goals.</p>
        ) : (
          <ul className="list-disc space-y-1 pl-5">
            {data.goals.map((g) => (
              <li key={g.id}>
                {name(g.skillId)} to level {g.targetLevel}
                {g.dueDate ? `, due ${formatDay(g.dueDate)}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="timeline-h" className="space-y-2">
        <h2 id="timeline-h" className="text-2xl font-semibold">
          Rating timeline
        </h2>
        {timeline.length === 0 ? (
          <p className="text-slate-700">No ratings recorded yet.</p>
        ) : (
          <>
            <p className="text-sm text-slate-700">
              Every change of level, oldest first. Open a skill to see its history.
            </p>
            <div className="space-y-1">
              {timeline.map(([skillId, rows]) => (
                <details key={skillId} className="rounded border border-slate-200 bg-white px-3">
                  <summary className="flex min-h-11 cursor-pointer items-center gap-2">
                    <span className="font-medium break-words">{name(skillId)}</span>
                    <span className="text-sm text-slate-600">
                      {plural(rows.length, "entry", "entries")}, now {rows.at(-1)!.level}
                    </span>
                  </summary>
                  <table className="mb-3 w-full text-left text-sm">
                    <caption className="sr-only">Rating history of {name(skillId)}</caption>
                    <thead>
                      <tr className="border-b">
                        <th scope="col" className="py-1 pr-2">
                          Date
                        </th>
                        <th scope="col" className="py-1 pr-2">
                          Level
                        </th>
                        <th scope="col" className="py-1">
                          Source
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((h, i) => (
                        <tr key={i} className="border-b border-slate-100">
                          <td className="py-1 pr-2 whitespace-nowrap">{formatDay(h.at)}</td>
                          <td className="py-1 pr-2">{h.level}</td>
                          <td className="py-1">{SOURCE_LABEL[h.source] ?? h.source}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              ))}
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="reviews-h" className="space-y-2">
        <h2 id="reviews-h" className="text-2xl font-semibold">
          Reviews
        </h2>
        {data.reviews.length === 0 ? (
          <p className="text-slate-700">No reviews yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded border border-slate-200 bg-white">
            {data.reviews.map((r) => (
              <li key={r.id} className="p-3">
                <Link href={`/reviews/${r.id}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                  Review started {formatDay(r.createdAt)}
                </Link>
                <span className="ml-2 text-sm text-slate-700">
                  {r.teamName} · {reviewStateLabel(r.state as ReviewState)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
